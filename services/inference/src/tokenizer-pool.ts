// The tokenizer threads: each holds the tokenizers of the loaded models (one per distinct tokenizer, shared by
// the models that read the same tokenizer.json and max length) and turns texts into token ids off the main
// event loop. The calls of one event-loop turn are coalesced and fanned out to the least busy thread.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelSpec } from './model-spec.js';
import { WorkerClient, startWorker, workerModule } from './worker/worker-rpc.js';

/** Token ids of several texts, flat: text i is ids[offsets[i], offsets[i + 1]). */
export interface Encoded {
  ids: Int32Array;
  offsets: Int32Array;
  /** Time the tokenizer thread spent, nanoseconds. */
  ns: number;
}

/** Texts in the first tokenizer message of a turn; each further message may hold four times more. */
const FIRST_TOKENIZE_CHUNK_TEXTS = 16;

interface EncodeCall {
  key: string;
  texts: string[];
  resolve: (r: Encoded) => void;
  reject: (e: Error) => void;
}

export class TokenizerPool {
  /** `outstanding` counts the texts sent to each thread and not yet answered. */
  #threads: Array<{ client: WorkerClient; outstanding: number }> = [];
  /** Tokenizer key → the models that use it (a tokenizer is unloaded with its last model). */
  readonly #users = new Map<string, Set<string>>();
  #queue: EncodeCall[] = [];

  /** Starts the threads (`tokenizer_threads`; auto: one per core, at most four). */
  start(threads: number | 'auto'): void {
    const count = threads === 'auto' ? Math.min(4, os.availableParallelism()) : threads;
    this.#threads = Array.from({ length: count }, (_, i) => ({
      client: new WorkerClient(startWorker(workerModule('tokenizer-worker'), `sluice-tokenizer-${i}`)),
      outstanding: 0,
    }));
  }

  /** Loads the tokenizer `model` reads into every thread (once per distinct tokenizer); returns its key. */
  async acquire(model: string, spec: ModelSpec): Promise<string> {
    const key = tokenizerKeyOf(spec);
    const users = this.#users.get(key);
    if (users) {
      users.add(model);
      return key;
    }
    await Promise.all(
      this.#threads.map((t) =>
        t.client.call('load', {
          name: key,
          folder: spec.folder,
          maxLength: spec.maxLength,
          keepLastToken: spec.keepLastToken,
        }),
      ),
    );
    this.#users.set(key, new Set([model]));
    return key;
  }

  /** `model` no longer uses tokenizer `key`; the last user's release unloads it from every thread. */
  async release(model: string, key: string): Promise<void> {
    const users = this.#users.get(key);
    if (!users) return;
    users.delete(model);
    if (users.size > 0) return;
    this.#users.delete(key);
    await Promise.all(this.#threads.map((t) => t.client.call('unload', { name: key })));
  }

  /**
   * Tokenizes in the tokenizer threads. The calls of one event-loop turn travel in messages of growing size
   * (16, 64, 256… texts; a larger call travels whole), each to the least busy thread. The first results come
   * back quickly, so the device starts on them while the rest is tokenized: with one message for a whole
   * burst of single-item requests, the device idled during tokenization and the tokenizer during the run.
   * The later, larger messages keep a backlog together, so length-aware ordering still sees a deep queue.
   */
  encode(key: string, texts: string[]): Promise<Encoded> {
    return new Promise((resolve, reject) => {
      if (this.#queue.length === 0) setImmediate(() => this.#send());
      this.#queue.push({ key, texts, resolve, reject });
    });
  }

  #send(): void {
    const calls = this.#queue.splice(0);
    let chunk = FIRST_TOKENIZE_CHUNK_TEXTS;
    for (let start = 0; start < calls.length; chunk *= 4) {
      let end = start;
      let texts = 0;
      while (end < calls.length && (end === start || texts + calls[end]!.texts.length <= chunk))
        texts += calls[end++]!.texts.length;
      const part = calls.slice(start, end);
      start = end;
      const thread = this.#threads.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
      thread.outstanding += texts;
      thread.client
        .call<Encoded[]>('encodeMany', { requests: part.map((c) => ({ name: c.key, texts: c.texts })) })
        .then(
          (results) => {
            thread.outstanding -= texts;
            part.forEach((c, i) => c.resolve(results[i]!));
          },
          (error: Error) => {
            thread.outstanding -= texts;
            part.forEach((c) => c.reject(error));
          },
        );
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#threads.map((t) => t.client.terminate()));
  }
}

/** Identifies a tokenizer by what it reads: tokenizer.json, tokenizer_config.json and the length rules. */
function tokenizerKeyOf(spec: ModelSpec): string {
  const content = readFileSync(path.join(spec.folder, 'tokenizer.json'));
  const config = existsSync(path.join(spec.folder, 'tokenizer_config.json'))
    ? readFileSync(path.join(spec.folder, 'tokenizer_config.json'))
    : '';
  return createHash('sha1')
    .update(content)
    .update(config)
    .update(`${spec.maxLength}:${spec.keepLastToken}`)
    .digest('hex')
    .slice(0, 16);
}
