// `pnpm bench inference`: the micro-batcher against its references, side by side in one run.
//  - batching_efficiency: 64 concurrent gRPC callers sending single items to the inference service vs. an
//    offline loop of pre-formed full batches straight on ONNX Runtime (MiniLM-L6-shaped bench encoder).
//  - speedup_vs_unbatched(_minilm): 64 concurrent single-item callers through the server core with batching
//    (max_batch_size 64) vs. one item per run (max_batch_size 1); built-in embedding / MiniLM shape.
//  - p50/p99 latency at 50% and 90% of the peak offered load (open loop, Poisson arrivals, over gRPC).
//  - padding_reduction: mixed lengths (10–512 tokens), padded tokens length-aware vs. FIFO.
//  - sluice_vs_transformersjs, sluice_vs_pytorch_cpu: the same BERT-layout folder served by Sluice vs. run by
//    transformers.js and PyTorch in batches of 64 (peers/peer-comparison.ts).
// Machine load drifts (the 2-core box is shared), so each ratio alternates its two sides in short slices
// and sums them. Smoke mode runs every phase briefly on the built-in embedding model only.
import path from 'node:path';
import { call, type EmbedResponse__Output, type InferenceClient } from '@sluice/protocol';
import { createLogger, repoRoot } from '@sluice/service-kit';
import { BENCH_MINILM_MODEL, EMBEDDING_MODEL, ensureBuiltinModels } from '../packages/models/src/index.js';
import { readWordVectors } from '../packages/models/src/word-vectors.js';
import { InferenceCore, OfflineRunner, inferenceSettingsSchema } from '../services/inference/src/index.js';
import { percentile, trackServicesPeakRss, type Metrics } from './lib.js';
import { startInference } from './peers/inference-process.js';
import { comparePeers } from './peers/peer-comparison.js';
import type { PeerRunner } from './peers/peer-runner.js';

const logger = createLogger('bench', 'silent');
// The offline reference runs on ONNX Runtime's CPU provider, so the measured side runs there too: `auto` may
// pick another device (even a software WebGPU adapter: docs/profiling.md). GPU runs are bench/gpu's.
const DEVICE = 'cpu';
const CALLERS = 64;
const TOKENS = 32;

let words: string[] = [];
let counter = 0;
/** A text of exactly `tokens` word-level tokens, unique (no cache hits). */
function text(tokens: number): string {
  counter += 1;
  const out: string[] = [];
  for (let i = 0; i < tokens; i++) out.push(words[(counter * 31 + i * 17 + ((counter * i) % 97)) % words.length]!);
  return out.join(' ');
}

async function closedLoopCounted(
  call: () => Promise<void>,
  callers: number,
  durationMs: number,
): Promise<{ items: number; seconds: number }> {
  let items = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() - started < durationMs) {
        await call();
        items += 1;
      }
    }),
  );
  return { items, seconds: (performance.now() - started) / 1000 };
}

/** Completed calls per second of `callers` concurrent loops. */
async function closedLoop(call: () => Promise<void>, callers: number, durationMs: number): Promise<number> {
  const { items, seconds } = await closedLoopCounted(call, callers, durationMs);
  return items / seconds;
}

/** Each side of an alternated measurement: items/s, and this process's CPU milliseconds per item (all threads). */
export interface SideRates {
  itemsPerSecond: [number, number];
  cpuMillisecondsPerItem: [number, number];
}

/** Alternates two measurements in slices; returns each side's items/s and CPU per item over all its slices. */
async function alternateMeasured(
  a: (ms: number) => Promise<{ items: number; seconds: number }>,
  b: (ms: number) => Promise<{ items: number; seconds: number }>,
  totalMs: number,
  sliceMs: number,
): Promise<SideRates> {
  const sums = [
    { items: 0, seconds: 0, cpuMs: 0 },
    { items: 0, seconds: 0, cpuMs: 0 },
  ];
  for (let spent = 0; spent < totalMs; spent += 2 * sliceMs) {
    for (const [i, side] of [a, b].entries()) {
      const cpu = process.cpuUsage();
      const r = await side(sliceMs);
      const used = process.cpuUsage(cpu);
      sums[i]!.items += r.items;
      sums[i]!.seconds += r.seconds;
      sums[i]!.cpuMs += (used.user + used.system) / 1000;
    }
  }
  return {
    itemsPerSecond: [sums[0]!.items / sums[0]!.seconds, sums[1]!.items / sums[1]!.seconds],
    cpuMillisecondsPerItem: [sums[0]!.cpuMs / sums[0]!.items, sums[1]!.cpuMs / sums[1]!.items],
  };
}

/** Alternates two measurements in slices; returns each side's items/s over all its slices. */
async function alternate(
  a: (ms: number) => Promise<{ items: number; seconds: number }>,
  b: (ms: number) => Promise<{ items: number; seconds: number }>,
  totalMs: number,
  sliceMs: number,
): Promise<[number, number]> {
  return (await alternateMeasured(a, b, totalMs, sliceMs)).itemsPerSecond;
}

/** Loads the word list the benchmark texts are drawn from (once per process). */
export async function loadBenchWords(): Promise<void> {
  if (words.length === 0) words = (await readWordVectors(6000)).words.filter((w) => /^[a-z]+$/.test(w));
}

async function startCore(model: string, maxBatchSize: number, onBatch?: () => void): Promise<InferenceCore> {
  const settings = inferenceSettingsSchema.parse({
    embedding_model: model,
    classifier_models: [],
    max_batch_size: maxBatchSize,
    cache_max_megabytes: 0,
    device: DEVICE,
  });
  const core = new InferenceCore({ settings, repoRoot, logger, onBatch });
  await core.start();
  return core;
}

/** CALLERS concurrent callers of `core`, one item of TOKENS tokens per call, for `ms`. */
function singleItemCallers(core: InferenceCore, ms: number): Promise<{ items: number; seconds: number }> {
  return closedLoopCounted(
    async () => {
      const { outcomes } = await core.embed('', [{ text: text(TOKENS) }]);
      if ('error' in outcomes[0]!) throw outcomes[0].error;
    },
    CALLERS,
    ms,
  );
}

/**
 * 64 concurrent single-item callers: batching (max_batch_size 64) vs. one item per run, alternated.
 * `onBatchedBatch` runs in the batcher after each batch of the batched side (the gate injects a slow batcher).
 */
export async function speedupVsUnbatched(
  model: string,
  durationMs: number,
  sliceMs: number,
  onBatchedBatch?: () => void,
): Promise<SideRates> {
  const [batched, unbatched] = [await startCore(model, 64, onBatchedBatch), await startCore(model, 1)];
  const load = (core: InferenceCore) => (ms: number) => singleItemCallers(core, ms);
  try {
    await alternate(
      load(batched),
      load(unbatched),
      Math.min(2 * sliceMs, durationMs),
      Math.min(sliceMs, durationMs / 4),
    );
    return await alternateMeasured(load(batched), load(unbatched), durationMs, sliceMs);
  } finally {
    await Promise.all([batched.close(), unbatched.close()]);
  }
}

/**
 * 64 concurrent single-item gRPC callers of an inference process vs. full batches straight on ONNX Runtime in
 * this process, same model, alternated in slices after a warm-up; items/s of each side.
 */
export async function batchingEfficiency(
  model: string,
  durationMs: number,
  sliceMs: number,
  warmUpMs: number,
): Promise<{ served: number; offline: number }> {
  const offline = await OfflineRunner.open(path.join(repoRoot, '.models', model), { rows: CALLERS, length: TOKENS });
  const service = await startInference(model, DEVICE).catch(async (error: unknown) => {
    await offline.close();
    throw error;
  });
  try {
    const served = (ms: number) =>
      closedLoopCounted(async () => void (await embedOverGrpc(service.client)), CALLERS, ms);
    await served(warmUpMs);
    const [servedRate, offlineRate] = await alternate(served, (ms) => offline.measure(ms), durationMs, sliceMs);
    return { served: servedRate, offline: offlineRate };
  } finally {
    service.client.close();
    await service.proc.stop();
    await offline.close();
  }
}

/**
 * The micro-batcher's efficiency in this process, without gRPC: 64 concurrent single-item callers of the
 * server core (tokenizer thread, batcher, device thread) vs. full batches straight on ONNX Runtime, same model,
 * alternated; items/s of each side. `onBatch` as in speedupVsUnbatched.
 */
export async function coreBatchingEfficiency(
  model: string,
  durationMs: number,
  sliceMs: number,
  onBatch?: () => void,
): Promise<SideRates> {
  const offline = await OfflineRunner.open(path.join(repoRoot, '.models', model), { rows: CALLERS, length: TOKENS });
  const core = await startCore(model, 64, onBatch);
  const load = (ms: number) => singleItemCallers(core, ms);
  try {
    await alternate(
      load,
      (ms) => offline.measure(ms),
      Math.min(2 * sliceMs, durationMs),
      Math.min(sliceMs, durationMs / 4),
    );
    return await alternateMeasured(load, (ms) => offline.measure(ms), durationMs, sliceMs);
  } finally {
    await core.close();
    await offline.close();
  }
}

async function paddedTokens(ordering: 'length_aware' | 'fifo', lengths: number[]): Promise<number> {
  let padded = 0;
  const settings = inferenceSettingsSchema.parse({
    classifier_models: [],
    batch_ordering: ordering,
    cache_max_megabytes: 0,
    device: DEVICE,
  });
  const core = new InferenceCore({ settings, repoRoot, logger, onBatch: (_m, info) => (padded += info.paddedTokens) });
  await core.start();
  padded = 0;
  try {
    await Promise.all(lengths.map((n) => core.embed('', [{ text: text(n) }])));
  } finally {
    await core.close();
  }
  return padded;
}

/** Sluice's side of the peer comparison: an inference process on `model`, CALLERS single-item gRPC callers. */
async function openSluiceSide(model: string): Promise<PeerRunner> {
  const service = await startInference(model, DEVICE);
  return {
    version: `inference service, ${CALLERS} concurrent single-item gRPC callers`,
    measure: (ms) => closedLoopCounted(async () => void (await embedOverGrpc(service.client)), CALLERS, ms),
    async embed(probe) {
      const result = (await call(service.client, 'Embed', { inputs: [{ text: probe }] }, 120_000)).results[0]!;
      if (result.error) throw new Error(`embed failed: ${result.error}`);
      return Float32Array.from(result.values);
    },
    async close() {
      service.client.close();
      await service.proc.stop();
    },
  };
}

function embedOverGrpc(client: InferenceClient, tokens = TOKENS): Promise<EmbedResponse__Output> {
  return call(client, 'Embed', { inputs: [{ text: text(tokens) }] }, 120_000);
}

/** Open loop: Poisson arrivals at `rate`/s for `durationMs`; latency measured from the scheduled time. */
async function openLoop(client: InferenceClient, rate: number, durationMs: number): Promise<number[]> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let next = started;
  let seed = 7;
  const uniform = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  while (next - started < durationMs) {
    const now = performance.now();
    while (next <= now && next - started < durationMs) {
      const scheduled = next;
      pending.push(embedOverGrpc(client).then(() => void latencies.push(performance.now() - scheduled)));
      next += (-Math.log(1 - uniform()) / rate) * 1000;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(5, next - performance.now()))));
  }
  await Promise.all(pending);
  return latencies;
}

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  const seconds = (full: number, quick: number) => (smoke ? quick : full) * 1000;
  // Smoke runs stand the built-in embedding in for the MiniLM shape (no bench-encoder build): their *_minilm
  // figures and batching_efficiency only show that the code path works (a cheap model is gRPC-bound when served).
  const encoder = smoke ? EMBEDDING_MODEL : BENCH_MINILM_MODEL;
  await ensureBuiltinModels({
    dir: path.join(repoRoot, '.models'),
    only: [EMBEDDING_MODEL, ...(smoke ? [] : [BENCH_MINILM_MODEL])],
    onProgress: (m) => console.log(m),
  });
  await loadBenchWords();
  const metrics: Metrics = {};

  // 4. Padding: the same mixed-length workload through length-aware and FIFO batching.
  let seed = 11;
  const lengths = Array.from({ length: smoke ? 256 : 2048 }, () => 10 + ((seed = (seed * 48271) % 2147483647) % 503));
  const fifo = await paddedTokens('fifo', lengths);
  const aware = await paddedTokens('length_aware', lengths);
  const real = lengths.reduce((a, b) => a + b, 0);
  metrics.padding_reduction = 1 - aware / fifo;
  metrics.padding_ratio_fifo = 1 - real / fifo;
  metrics.padding_ratio_length_aware = 1 - real / aware;
  console.log('padding', metrics);

  // 2. Batching vs one item per run, through the server core.
  const [batched, unbatched] = (await speedupVsUnbatched(EMBEDDING_MODEL, seconds(20, 1), seconds(2.5, 0.25)))
    .itemsPerSecond;
  metrics.items_per_second_batched_core = batched;
  metrics.items_per_second_unbatched_core = unbatched;
  metrics.speedup_vs_unbatched = batched / unbatched;
  const [batchedEncoder, unbatchedEncoder] = (await speedupVsUnbatched(encoder, seconds(40, 1), seconds(10, 0.25)))
    .itemsPerSecond;
  metrics.speedup_vs_unbatched_minilm = batchedEncoder / unbatchedEncoder;
  console.log('speedups', metrics);

  // 1. Batching efficiency: served over gRPC vs offline full batches, same model, alternated.
  const efficiency = await batchingEfficiency(encoder, seconds(40, 1), seconds(10, 0.25), seconds(5, 0.5));
  metrics.items_per_second_offline_minilm = efficiency.offline;
  metrics.items_per_second_served_minilm = efficiency.served;
  metrics.batching_efficiency = efficiency.served / efficiency.offline;
  console.log('efficiency', metrics);

  // 5. Side by side with transformers.js and PyTorch on the same BERT-layout folder (MiniLM-L6 shape; smoke: the
  // small test shape, whose figures only show the path works). Sides not installed are reported, not measured.
  Object.assign(
    metrics,
    await comparePeers({
      repoRoot,
      modelsDir: path.join(repoRoot, '.models'),
      words,
      makeText: () => text(TOKENS),
      openSluice: openSluiceSide,
      small: smoke,
      totalMs: seconds(30, 0.5),
      sliceMs: seconds(5, 0.25),
      warmUpMs: seconds(3, 0.2),
    }),
  );
  console.log('peers', metrics);

  // 3. Latency at 50% and 90% of peak offered load (built-in embedding over gRPC).
  const service = await startInference(EMBEDDING_MODEL, DEVICE);
  const rss = trackServicesPeakRss({ inference: service.metricsUrl });
  try {
    await closedLoop(async () => void (await embedOverGrpc(service.client)), CALLERS, seconds(2, 0.5));
    const peak = await closedLoop(async () => void (await embedOverGrpc(service.client)), CALLERS, seconds(10, 1));
    metrics.items_per_second = peak;
    for (const load of [50, 90]) {
      const latencies = await openLoop(service.client, (peak * load) / 100, seconds(15, 1));
      metrics[`p50_ms_at_${load}pct`] = percentile(latencies, 50);
      metrics[`p99_ms_at_${load}pct`] = percentile(latencies, 99);
    }
  } finally {
    service.client.close();
    metrics.peak_rss_megabytes = (await rss.stop()).inference ?? 0;
    await service.proc.stop();
  }
  return metrics;
}
