// Tokenizer thread: reads each model's tokenizer.json with @huggingface/tokenizers and turns texts into
// token ids (truncated to the model's max length), off the main event loop.
import { Tokenizer } from '@huggingface/tokenizers';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveWorker } from './worker-rpc.js';

interface Loaded {
  tokenizer: Tokenizer;
  maxLength: number;
  keepLastToken: boolean;
}

const tokenizers = new Map<string, Loaded>();

function readJson(file: string): object {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : {};
}

serveWorker({
  async load(args: { name: string; folder: string; maxLength: number; keepLastToken: boolean }) {
    const tokenizer = new Tokenizer(
      readJson(path.join(args.folder, 'tokenizer.json')),
      readJson(path.join(args.folder, 'tokenizer_config.json')),
    );
    tokenizers.set(args.name, { tokenizer, maxLength: args.maxLength, keepLastToken: args.keepLastToken });
    return { result: true };
  },
  async unload(args: { name: string }) {
    tokenizers.delete(args.name);
    return { result: true };
  },
  /** Several requests in one message (the main thread coalesces the calls of one event-loop turn). */
  async encodeMany(args: { requests: Array<{ name: string; texts: string[] }> }) {
    const results = args.requests.map((request) => encode(request.name, request.texts));
    return {
      result: results,
      transfer: results.flatMap((r) => [r.ids.buffer as ArrayBuffer, r.offsets.buffer as ArrayBuffer]),
    };
  },
});

function encode(name: string, texts: string[]): { ids: Int32Array; offsets: Int32Array; ns: number } {
  const loaded = tokenizers.get(name);
  if (!loaded) throw Object.assign(new Error(`tokenizer for ${name} is not loaded`), { code: 'not_found' });
  const started = process.hrtime.bigint();
  const { tokenizer, maxLength, keepLastToken } = loaded;
  // Texts far longer than the model can read are cut first: tokenizing them fully would be wasted time.
  const charLimit = maxLength * 16;
  const encoded: number[][] = new Array(texts.length);
  const offsets = new Int32Array(texts.length + 1);
  texts.forEach((text, i) => {
    let ids = tokenizer.encode(text.length > charLimit ? text.slice(0, charLimit) : text).ids;
    if (ids.length > maxLength)
      ids = keepLastToken ? [...ids.slice(0, maxLength - 1), ids[ids.length - 1]!] : ids.slice(0, maxLength);
    encoded[i] = ids;
    offsets[i + 1] = offsets[i]! + ids.length;
  });
  // Written straight into one flat array (ids the vocabulary lacks are undefined: 0).
  const flat = new Int32Array(offsets[texts.length]!);
  let at = 0;
  for (const ids of encoded) for (const id of ids) flat[at++] = id ?? 0;
  return { ids: flat, offsets, ns: Number(process.hrtime.bigint() - started) };
}
