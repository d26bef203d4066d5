// The inference stage on long items with the built-in models: the chunks of every item of a pipeline batch go to
// the micro-batcher together, each item gets one vector per chunk and an embedding and labels pooled over them.
import type { ItemBatch__Output, PipelineItem__Output } from '@sluice/protocol';
import { createLogger, repoRoot } from '@sluice/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceCore } from '../src/inference-core.js';
import { processBatch } from '../src/pipeline-stage.js';
import { inferenceSettingsSchema } from '../src/settings.js';

const SPORTS = 'The striker scored twice and the team won the football championship final in the stadium.';
const HEALTH = 'Doctors at the hospital said the vaccine reduced infections among patients with chronic disease.';

function longItem(id: string, chunkTexts: string[]): PipelineItem__Output {
  const chunks = chunkTexts.map((text, index) => ({ index, text, token_count: 16 }));
  return {
    raw: { id, source_id: 's', title: 'Report', priority: 5 },
    normalized: { title: 'Report', text: chunkTexts.join('\n'), content_hash: `h-${id}`, chunks },
  } as unknown as PipelineItem__Output;
}

const batches: Array<{ model: string; size: number }> = [];
let core: InferenceCore;

beforeAll(async () => {
  core = new InferenceCore({
    settings: inferenceSettingsSchema.parse({ device: 'cpu', cache_max_megabytes: 0 }),
    repoRoot,
    logger: createLogger('test', 'silent'),
    onBatch: (model, info) => batches.push({ model, size: info.size }),
  });
  await core.start();
});
afterAll(() => core?.close());

describe('long items in the inference stage', () => {
  it('batches the chunks of all items together and pools each item over its chunks', async () => {
    batches.length = 0;
    const sporty = longItem('a', [SPORTS, SPORTS, HEALTH]);
    const healthy = longItem('b', [HEALTH, HEALTH, HEALTH, SPORTS]);
    const out = await processBatch(core, {
      batch_id: 'long',
      items: [sporty, healthy],
      dead_letters: [],
      deadline_unix_ms: 0,
    } as unknown as ItemBatch__Output);
    expect(out.dead_letters).toEqual([]);
    const [a, b] = out.items!;
    // One vector per chunk, and the item's embedding is their normalized mean.
    expect(a!.embedding!.chunks!.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(b!.embedding!.chunks!).toHaveLength(4);
    const norm = Math.hypot(...(a!.embedding!.values as number[]));
    expect(norm).toBeCloseTo(1, 5);
    const chunkVectors = a!.embedding!.chunks!.map((c) => c.values as number[]);
    const mean = chunkVectors[0]!.map((_, d) => chunkVectors.reduce((s, v) => s + v[d]!, 0) / 3);
    const meanNorm = Math.hypot(...mean);
    (a!.embedding!.values as number[]).forEach((v, d) => expect(v).toBeCloseTo(mean[d]! / meanNorm, 5));
    // The topic follows the majority of the text.
    const topic = (item: typeof a) => item!.classifications!.find((c) => c.task === 'topics')!.labels![0]!.name;
    expect(topic(a)).toBe('sports');
    expect(topic(b)).toBe('health');
    // Seven chunks of two items, one request: the embedding model saw them in one batch.
    const embedding = batches.filter((x) => x.model === core.embeddingModel);
    expect(embedding.reduce((s, x) => s + x.size, 0)).toBe(7);
    expect(Math.max(...embedding.map((x) => x.size))).toBe(7);
  });
});
