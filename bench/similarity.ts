// pnpm bench similarity: the scorer's two similarity kernels, locally (register-blocked JavaScript, vectors.ts)
// and on the inference service's device (the ONNX similarity graph: MatMul, TopK; batched across callers), on
// the machine it runs on. Items × interest profiles (100 items × 10 profiles per batch) and the novelty window
// (100 items against 2,000 earlier ones, nearest neighbour). Device numbers include the gRPC round trip; the
// concurrent run sends the same batches from 8 callers at once, which the service serves in shared runs.
import os from 'node:os';
import { call, connect, type InferenceClient } from '../packages/protocol/src/index.js';
import { startStack } from '../packages/stack/src/index.js';
import { remoteNearest, remoteSimilarity } from '../services/scorer/src/inference-client.js';
import { maxSimilarity, similarityMatrix, toMatrix, unitVector, type Matrix } from '../services/scorer/src/vectors.js';
import type { Metrics } from './lib.js';

const DIMENSIONS = 100;
const BATCH = 100;
const PROFILES = 10;
const WINDOW = 2_000;
const CALLERS = 8;

function units(count: number, seed: number): Matrix {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  };
  return toMatrix(
    Array.from({ length: count }, () => unitVector(Array.from({ length: DIMENSIONS }, next))!),
    DIMENSIONS,
  );
}

/** Items per second over `batches` sequential calls of `run`, after one warm-up call. */
async function rate(batches: number, run: () => unknown): Promise<number> {
  await run();
  const started = performance.now();
  for (let b = 0; b < batches; b++) await run();
  return (batches * BATCH) / ((performance.now() - started) / 1000);
}

/** Items per second with CALLERS callers each sending `batches` batches at once. */
async function concurrentRate(batches: number, run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      for (let b = 0; b < batches; b++) await run();
    }),
  );
  return (CALLERS * batches * BATCH) / ((performance.now() - started) / 1000);
}

async function graphRequestsPerRun(metricsUrl: string): Promise<{ runs: number; requests: number }> {
  const text = await (await fetch(metricsUrl)).text();
  const value = (suffix: string) =>
    Number(
      new RegExp(`^sluice_inference_similarity_batch_requests_${suffix}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(
        text,
      )?.[1] ?? 0,
    );
  return { runs: value('count'), requests: value('sum') };
}

export async function run(options: { smoke: boolean }): Promise<Metrics> {
  const batches = options.smoke ? 20 : 200;
  const load = os.loadavg()[0]!;
  const items = units(BATCH, 1);
  const profiles = units(PROFILES, 2);
  const window = units(WINDOW, 3);
  const metrics: Metrics = { load_average_at_start: Number(load.toFixed(2)) };
  metrics.local_profiles_items_per_second = Math.round(await rate(batches, () => similarityMatrix(items, profiles)));
  metrics.local_novelty_items_per_second = Math.round(await rate(batches, () => maxSimilarity(items, window)));
  const stack = await startStack({
    services: ['inference'],
    env: { SLUICE__LOG__LEVEL: 'warn', SLUICE__INFERENCE__CLASSIFIER_MODELS: '[]' },
    readyTimeoutMs: 180_000,
  });
  let client: InferenceClient | undefined;
  try {
    client = connect('Inference', stack.addresses.inference!.grpcAddress);
    const { models } = await call(client, 'ListModels', {}, 10_000);
    console.log(`  inference execution provider: ${models[0]?.execution_provider ?? '?'}`);
    const onDeviceProfiles = remoteSimilarity(client, 30_000);
    const onDeviceNearest = remoteNearest(client, 30_000);
    metrics.device_profiles_items_per_second = Math.round(await rate(batches, () => onDeviceProfiles(items, profiles)));
    metrics.device_novelty_items_per_second = Math.round(await rate(batches, () => onDeviceNearest(items, window)));
    const metricsUrl = `${stack.opsUrl('inference')}/metrics`;
    const before = await graphRequestsPerRun(metricsUrl);
    const perCaller = Math.max(1, Math.round(batches / CALLERS));
    metrics.device_profiles_items_per_second_8_callers = Math.round(
      await concurrentRate(perCaller, () => onDeviceProfiles(items, profiles)),
    );
    const after = await graphRequestsPerRun(metricsUrl);
    metrics.device_requests_per_graph_run_8_callers = Number(
      ((after.requests - before.requests) / Math.max(1, after.runs - before.runs)).toFixed(2),
    );
    metrics.local_vs_device_profiles = Number(
      (metrics.local_profiles_items_per_second / metrics.device_profiles_items_per_second).toFixed(1),
    );
    metrics.local_vs_device_novelty = Number(
      (metrics.local_novelty_items_per_second / metrics.device_novelty_items_per_second).toFixed(1),
    );
  } finally {
    client?.close();
    await stack.stop();
  }
  return metrics;
}
