// `pnpm bench long-content`: what reading a long item whole costs. 20,000-word items (paragraphs of 100 words)
// are normalized by the transformer's code (chunking included) and run through the inference stage's
// processBatch with the default models (embedding + sentiment, topics, spam, CPU), once chunked (every chunk
// read by every model and pooled: what the pipeline does) and once with the chunks dropped (one input per model,
// truncated to 512 tokens: what it did before). Both sides alternate in rounds on the same core (the 2-core box is
// shared). Also the bytes persistence stores per long item for its passages.
import path from 'node:path';
import { repoRoot, createLogger } from '@sluice/service-kit';
import type { ItemBatch__Output, PipelineItem__Output, RawItem__Output } from '@sluice/protocol';
import { ensureBuiltinModels } from '../packages/models/src/index.js';
import { InferenceCore, inferenceSettingsSchema, processBatch } from '../services/inference/src/index.js';
import { chunkRows } from '../services/persistence/src/chunk-rows.js';
import { createNormalizer } from '../services/transformer/src/index.js';
import { DEFAULT_WORKER_OPTIONS } from '../services/transformer/src/worker-options.js';
import { readWordVectors } from '../packages/models/src/word-vectors.js';
import type { Metrics } from './lib.js';

let vocabulary: string[] = [];

function longText(words: number, seed: number): string {
  const benchWord = (n: number) => vocabulary[(n * 2654435761) % vocabulary.length]!;
  const paragraphs: string[] = [];
  for (let w = 0; w < words; w += 100) {
    const paragraph: string[] = [];
    for (let i = 0; i < Math.min(100, words - w); i++) paragraph.push(benchWord(seed * 7919 + w + i));
    paragraphs.push(`${paragraph.join(' ')}.`);
  }
  return paragraphs.join('\n\n');
}

function raw(n: number, text: string): RawItem__Output {
  return {
    id: `long-${n}`,
    source_id: 'bench',
    source_kind: 'push',
    external_id: `long-${n}`,
    url: '',
    title: `Long report ${n}`,
    summary: '',
    content: text,
    content_type: 'text/plain',
    author: '',
    published_at_ms: 0,
    collected_at_ms: 0,
    tags: [],
    attributes: {},
    engagement: null,
    priority: 5,
    source_weight: 0.5,
    language_hint: '',
  } as RawItem__Output;
}

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  const words = smoke ? 3000 : 20_000;
  const itemsPerBatch = smoke ? 2 : 8;
  const rounds = smoke ? 1 : 3;
  await ensureBuiltinModels({ dir: path.join(repoRoot, '.models') });
  vocabulary = (await readWordVectors(6000)).words.filter((w) => /^[a-z]+$/.test(w));
  const normalizer = await createNormalizer({
    ...DEFAULT_WORKER_OPTIONS,
    tokenizerFolder: path.join(repoRoot, '.models', 'sluice-embed-glove-100d'),
  });
  const settings = inferenceSettingsSchema.parse({ device: 'cpu', cache_max_megabytes: 0 });
  const core = new InferenceCore({ settings, repoRoot, logger: createLogger('bench', 'silent') });
  await core.start();
  try {
    let transformMs = 0;
    let chunkedMs = 0;
    let truncatedMs = 0;
    let chunks = 0;
    let passageBytes = 0;
    let items = 0;
    for (let round = 0; round < rounds; round++) {
      const raws = Array.from({ length: itemsPerBatch }, (_, i) =>
        raw(round * 100 + i, longText(words, round * 100 + i)),
      );
      const started = performance.now();
      const outcomes = normalizer.normalizeBatch(raws);
      transformMs += performance.now() - started;
      const chunked: PipelineItem__Output[] = outcomes.map((o, i) => {
        if (!o.ok) throw new Error(`normalization failed: ${o.detail}`);
        return { raw: raws[i]!, normalized: o.normalized } as PipelineItem__Output;
      });
      const truncated = chunked.map((item) => ({ ...item, normalized: { ...item.normalized!, chunks: [] } }));
      const batch = (list: PipelineItem__Output[], id: string) =>
        ({ batch_id: id, items: list, dead_letters: [], deadline_unix_ms: 0 }) as ItemBatch__Output;
      const t0 = performance.now();
      const out = await processBatch(core, batch(chunked, `c${round}`));
      chunkedMs += performance.now() - t0;
      const t1 = performance.now();
      await processBatch(core, batch(truncated, `t${round}`));
      truncatedMs += performance.now() - t1;
      const dead = out.dead_letters ?? [];
      if (dead.length > 0) throw new Error(`dead letters: ${dead[0]!.detail}`);
      for (const item of out.items ?? []) {
        const rows = chunkRows(item as PipelineItem__Output, item.raw!.id!);
        if ('error' in rows) throw new Error(rows.error);
        chunks += rows.length;
        for (const r of rows) passageBytes += r.text.length + r.values.length;
      }
      items += itemsPerBatch;
    }
    return {
      words_per_item: words,
      items,
      chunks_per_item: chunks / items,
      transform_ms_per_item: transformMs / items,
      inference_ms_per_item_chunked: chunkedMs / items,
      inference_ms_per_item_truncated: truncatedMs / items,
      inference_cost_ratio: chunkedMs / truncatedMs,
      inference_ms_per_chunk: chunkedMs / chunks,
      passage_kilobytes_per_item: passageBytes / 1024 / items,
    };
  } finally {
    await core.close();
  }
}
