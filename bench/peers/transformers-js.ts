// The transformers.js side: @huggingface/transformers' feature-extraction pipeline on the same folder, in
// batches of 64, mean pooling + normalization (what a Node user would write). It is not a dependency of the
// project (~475 MB with its own onnxruntime builds): `pnpm bench:peers` installs it into .bench-peers/, and
// without it the comparison reports why it was not measured.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PeerRunner } from './peer-runner.js';

type Extractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ data: Float32Array }>;

interface TransformersModule {
  env: { localModelPath: string; allowRemoteModels: boolean; allowLocalModels: boolean; version: string };
  pipeline(task: 'feature-extraction', model: string, options: { dtype: 'fp32'; device: 'cpu' }): Promise<Extractor>;
}

export const PEERS_DIR = '.bench-peers';

export async function openTransformersJs(
  repoRoot: string,
  modelsDir: string,
  model: string,
  texts: readonly string[],
  batch: number,
): Promise<{ runner?: PeerRunner; absent?: string }> {
  const manifest = path.join(repoRoot, PEERS_DIR, 'node_modules', '@huggingface', 'transformers', 'package.json');
  if (!existsSync(manifest)) return { absent: `@huggingface/transformers not installed (run: pnpm bench:peers)` };
  const entry = createRequire(manifest).resolve('@huggingface/transformers');
  const transformers = (await import(pathToFileURL(entry).href)) as TransformersModule;
  transformers.env.localModelPath = modelsDir;
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  const extract = await transformers.pipeline('feature-extraction', model, { dtype: 'fp32', device: 'cpu' });
  let cursor = 0;
  return {
    runner: {
      version: `transformers.js ${transformers.env.version}`,
      async measure(ms) {
        let items = 0;
        const started = performance.now();
        while (performance.now() - started < ms) {
          const chunk = Array.from({ length: batch }, (_, i) => texts[(cursor + i) % texts.length]!);
          cursor += batch;
          await extract(chunk, { pooling: 'mean', normalize: true });
          items += batch;
        }
        return { items, seconds: (performance.now() - started) / 1000 };
      },
      async embed(text) {
        return Float32Array.from((await extract([text], { pooling: 'mean', normalize: true })).data);
      },
      async close() {},
    },
  };
}
