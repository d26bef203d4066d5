// Built-in model folders: Hugging Face layout, deterministic, idempotent, rebuilt when the stamp is stale.
import { Tokenizer } from '@huggingface/tokenizers';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  STAMP_FILE,
  ensureBuiltinModels as ensure,
  type BuildInputs,
  type EnsureBuiltinModelsOptions,
} from '../src/index.js';

// The word table, the trained spam model and the shared vocabulary are computed once for the whole file.
const inputs: BuildInputs = {};
const ensureBuiltinModels = (options: EnsureBuiltinModelsOptions) => ensure({ cache: inputs, ...options });

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-models-'));
  dirs.push(dir);
  return dir;
}

describe('ensureBuiltinModels', () => {
  it('builds the sentiment model folder deterministically and is a fast no-op the second time', async () => {
    const a = await tempDir();
    const b = await tempDir();
    const progress: string[] = [];
    const first = await ensureBuiltinModels({
      dir: a,
      only: ['sluice-sentiment-afinn'],
      onProgress: (m) => progress.push(m),
    });
    expect(first).toEqual({ built: ['sluice-sentiment-afinn'], present: [] });
    expect(progress.some((m) => m.includes('sluice-sentiment-afinn'))).toBe(true);
    const folder = path.join(a, 'sluice-sentiment-afinn');
    for (const file of [
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'sluice.json',
      'onnx/model.onnx',
      STAMP_FILE,
    ])
      expect(existsSync(path.join(folder, file))).toBe(true);
    const sluice = JSON.parse(await readFile(path.join(folder, 'sluice.json'), 'utf8'));
    expect(sluice).toMatchObject({ task: 'sentiment', labels: ['positive', 'negative', 'neutral'], max_length: 512 });

    const started = performance.now();
    const second = await ensureBuiltinModels({ dir: a, only: ['sluice-sentiment-afinn'] });
    expect(second).toEqual({ built: [], present: ['sluice-sentiment-afinn'] });
    expect(performance.now() - started).toBeLessThan(200);

    await ensureBuiltinModels({ dir: b, only: ['sluice-sentiment-afinn'] });
    expect(await readFile(path.join(b, 'sluice-sentiment-afinn/onnx/model.onnx'))).toEqual(
      await readFile(path.join(folder, 'onnx/model.onnx')),
    );
    expect(await readFile(path.join(b, 'sluice-sentiment-afinn/tokenizer.json'), 'utf8')).toEqual(
      await readFile(path.join(folder, 'tokenizer.json'), 'utf8'),
    );
    // The first build reads the word vectors and trains the spam model (the shared vocabulary needs both):
    // ~11 s on an idle 2-core machine, minutes on a saturated one.
  }, 240_000);

  it('rebuilds a folder whose stamp or files do not match', async () => {
    const dir = await tempDir();
    await ensureBuiltinModels({ dir, only: ['sluice-sentiment-afinn'] });
    await writeFile(path.join(dir, 'sluice-sentiment-afinn', 'onnx', 'model.onnx'), 'truncated');
    expect((await ensureBuiltinModels({ dir, only: ['sluice-sentiment-afinn'] })).built).toEqual([
      'sluice-sentiment-afinn',
    ]);
    const stampFile = path.join(dir, 'sluice-sentiment-afinn', STAMP_FILE);
    const stamp = JSON.parse(await readFile(stampFile, 'utf8'));
    await writeFile(stampFile, JSON.stringify({ ...stamp, build_version: 'old' }));
    expect((await ensureBuiltinModels({ dir, only: ['sluice-sentiment-afinn'] })).built).toEqual([
      'sluice-sentiment-afinn',
    ]);
  });

  it('writes word-level tokenizer.json files that @huggingface/tokenizers reads', async () => {
    const dir = await tempDir();
    await ensureBuiltinModels({ dir, only: ['sluice-sentiment-afinn'] });
    const folder = path.join(dir, 'sluice-sentiment-afinn');
    const tokenizer = new Tokenizer(
      JSON.parse(await readFile(path.join(folder, 'tokenizer.json'), 'utf8')),
      JSON.parse(await readFile(path.join(folder, 'tokenizer_config.json'), 'utf8')),
    );
    const encoded = tokenizer.encode("I DON'T love it, zxqv!");
    expect(encoded.tokens).toEqual(['i', 'do', "n't", 'love', 'it', ',', 'zxqv', '!']);
    const unk = tokenizer.token_to_id('[UNK]');
    expect(encoded.ids[6]).toBe(unk);
    expect(encoded.ids[2]).not.toBe(unk);
    expect(encoded.ids[3]).not.toBe(unk);
  });

  it('gives every built-in text model the same tokenizer files, holding every word any of them knows', async () => {
    const dir = await tempDir();
    const text = ['sluice-embed-glove-100d', 'sluice-sentiment-afinn', 'sluice-topics', 'sluice-spam'];
    await ensureBuiltinModels({ dir, only: text });
    for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
      const contents = await Promise.all(text.map((m) => readFile(path.join(dir, m, file), 'utf8')));
      expect(new Set(contents).size).toBe(1);
    }
    // The word table keeps its ids (the embedding rows need no remapping), and every word of the sentiment
    // lexicon and of the spam model's vocabulary has an id of its own, not [UNK].
    const tokenizer = new Tokenizer(
      JSON.parse(await readFile(path.join(dir, 'sluice-spam', 'tokenizer.json'), 'utf8')),
      {},
    );
    const { sentimentWords } = await import('../src/builtin/sentiment-model.js');
    const table = (await inputs.table!).vocabulary;
    const first = new Map<string, number>();
    table.forEach((w, i) => first.has(w) || first.set(w, i));
    for (let i = 2; i < table.length; i += 97) expect(tokenizer.token_to_id(table[i]!)).toBe(first.get(table[i]!));
    const spamWords = (await inputs.spam!).vocabulary;
    for (const word of [...sentimentWords(), ...spamWords.slice(2)])
      expect(tokenizer.token_to_id(word)).toBeGreaterThan(1);
  });
});
