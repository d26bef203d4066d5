// `pnpm bench score`: items/min through the scorer's batch path (profile similarity, novelty window, formula,
// priority) with one and with two workers (a worker = one scorer instance with its own novelty window, as
// two scorer replicas would run). The similarity decision (local kernels vs the inference service's similarity
// graph) is measured by `pnpm bench similarity`.
// Items: 100-dimension unit embeddings (the built-in GloVe model's size) clustered around 40 topics,
// sentiment/topics/spam classifications, dates, engagement; 10 interest profiles; batches of 100.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PipelineItem__Output } from '../packages/protocol/src/index.js';
import { NoveltyWindow } from '../services/scorer/src/novelty-window.js';
import { createProfileSet } from '../services/scorer/src/profile-set.js';
import { localSimilarity, scoreBatch } from '../services/scorer/src/score-batch.js';
import { scorerSettingsSchema } from '../services/scorer/src/settings.js';
import { unitVector } from '../services/scorer/src/vectors.js';
import { trackPeakRss, type Metrics } from './lib.js';

const DIMENSIONS = 100;
const BATCH = 100;
const PROFILES = 10;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function gaussianVector(random: () => number, scale = 1): number[] {
  return Array.from({ length: DIMENSIONS }, () => (random() + random() + random() - 1.5) * scale);
}

/** Deterministic items; the same topics for every seed, different items per seed. */
export function scoreItems(count: number, seed = 1): PipelineItem__Output[] {
  const random = lcg(seed);
  const topics = Array.from({ length: 40 }, (_, t) => gaussianVector(lcg(99 + t)));
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const topic = topics[Math.floor(random() * topics.length)]!;
    const noise = gaussianVector(random, 0.6);
    const values = Array.from(unitVector(topic.map((v, k) => v + noise[k]!))!);
    const positive = random();
    return {
      raw: {
        id: `item-${seed}-${i}`,
        source_id: `s${i % 20}`,
        published_at_ms: now - Math.floor(random() * 72 * 3_600_000),
        collected_at_ms: now,
        source_weight: random(),
        priority: 5,
        engagement: i % 3 === 0 ? { points: Math.floor(random() * 800), comments: Math.floor(random() * 200) } : null,
      },
      normalized: { duplicate_of: i % 25 === 0 ? 'item-0' : '', duplicate_kind: i % 25 === 0 ? 'near' : '' },
      embedding: { model: 'sluice-embed-glove-100d', values },
      classifications: [
        {
          model: 'sentiment',
          task: 'sentiment',
          labels: [
            { name: 'positive', score: positive },
            { name: 'negative', score: 1 - positive },
            { name: 'neutral', score: 0.2 },
          ],
        },
        {
          model: 'topics',
          task: 'topics',
          labels: [
            { name: 'technology', score: random() },
            { name: 'science', score: random() },
          ],
        },
        {
          model: 'spam',
          task: 'spam',
          labels: [
            { name: 'spam', score: random() * 0.2 },
            { name: 'ham', score: 0.9 },
          ],
        },
      ],
      score: null,
      inference_timing: null,
    } as unknown as PipelineItem__Output;
  });
}

function profileSet() {
  const random = lcg(4242);
  const settings = scorerSettingsSchema.parse({
    profiles: Array.from({ length: PROFILES }, (_, i) => ({ name: `profile-${i}`, description: `profile ${i}` })),
  });
  return {
    settings,
    profiles: createProfileSet(
      'sluice-embed-glove-100d',
      settings.profiles,
      settings.profiles.map(() => gaussianVector(random)),
    ),
  };
}

/** Wraps the stage's similarity step (the gate injects a slower one from outside the service code). */
export type SimilarityWrapper = (similarity: typeof localSimilarity) => typeof localSimilarity;

/** The scorer's batch path in this thread (10 profiles, one novelty window); `run` scores items in batches of 100. */
export async function scoreRunner(
  wrap?: SimilarityWrapper,
): Promise<{ run(items: PipelineItem__Output[]): Promise<void> }> {
  const { settings, profiles } = profileSet();
  const deps = {
    settings,
    profiles: () => profiles,
    novelty: new NoveltyWindow(settings.novelty_window_items),
    similarity: wrap ? wrap(localSimilarity) : localSimilarity,
    now: Date.now,
  };
  // Warm-up (JIT) on a separate window, not counted.
  await scoreBatch(
    { batch_id: 'warm', items: scoreItems(BATCH, 999), dead_letters: [], deadline_unix_ms: 0 },
    { ...deps, novelty: new NoveltyWindow(100) },
  );
  let batchNumber = 0;
  return {
    async run(items) {
      for (let i = 0; i < items.length; i += BATCH) {
        await scoreBatch(
          { batch_id: `b${batchNumber++}`, items: items.slice(i, i + BATCH), dead_letters: [], deadline_unix_ms: 0 },
          deps,
        );
      }
    },
  };
}

/** Scores `count` items in batches in this thread; returns the seconds spent. */
export async function scoreLoop(count: number, seed: number): Promise<number> {
  const items = scoreItems(count, seed);
  const runner = await scoreRunner();
  const started = performance.now();
  await runner.run(items);
  return (performance.now() - started) / 1000;
}

// Worker threads load this file through tsx (they do not inherit the parent's loader in every runner).
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { register } = await import(workerData.tsx);
  register();
  const bench = await import(workerData.module);
  parentPort.once('message', async () => parentPort.postMessage(await bench.scoreLoop(workerData.count, workerData.seed)));
  parentPort.postMessage('ready');
})();
`;

async function measureWorkers(
  workers: number,
  totalItems: number,
): Promise<{ itemsPerMinute: number; cpuMsPerItem: number }> {
  const perWorker = Math.floor(totalItems / workers);
  const threads = Array.from(
    { length: workers },
    (_, w) =>
      new Worker(WORKER_CODE, {
        eval: true,
        workerData: { tsx: import.meta.resolve('tsx/esm/api'), module: import.meta.url, count: perWorker, seed: w + 1 },
      }),
  );
  await Promise.all(
    threads.map((t) => new Promise((resolve, reject) => t.once('message', resolve).once('error', reject))),
  );
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    threads.map(
      (t) => new Promise((resolve, reject) => t.once('message', resolve).once('error', reject).postMessage('go')),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  // Process-wide (all worker threads); includes each worker's JIT warm-up batch.
  const used = process.cpuUsage(cpu);
  await Promise.all(threads.map((t) => t.terminate()));
  return {
    itemsPerMinute: ((perWorker * workers) / seconds) * 60,
    cpuMsPerItem: (used.user + used.system) / 1000 / (perWorker * workers),
  };
}

export async function run(options: { smoke: boolean }): Promise<Metrics> {
  const total = options.smoke ? 2_000 : 40_000;
  // Other work on the machine slows every number here: record how busy it was.
  const load = os.loadavg()[0]!;
  const rss = trackPeakRss();
  const one = await measureWorkers(1, total);
  const two = await measureWorkers(2, total);
  const best = Math.max(one.itemsPerMinute, two.itemsPerMinute);
  const metrics: Metrics = {
    items_per_minute: Math.round(best),
    items_per_minute_one_worker: Math.round(one.itemsPerMinute),
    items_per_minute_two_workers: Math.round(two.itemsPerMinute),
    best_workers: best === one.itemsPerMinute ? 1 : 2,
    cpu_milliseconds_per_item_one_worker: Number(one.cpuMsPerItem.toFixed(3)),
    cpu_milliseconds_per_item_two_workers: Number(two.cpuMsPerItem.toFixed(3)),
    load_average_at_start: Number(load.toFixed(2)),
    items_per_second: Math.round(best / 60),
    items: total,
    profiles: PROFILES,
    embedding_dimensions: DIMENSIONS,
  };
  metrics.peak_rss_megabytes = Math.round(rss.stop());
  return metrics;
}
