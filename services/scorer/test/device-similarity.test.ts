// The scorer's similarity on the device, against the real inference service (its own process, real ONNX
// Runtime): items × profiles and the novelty window's nearest neighbours computed by the similarity graph equal
// the scorer's local kernels within float rounding, and `auto` keeps them local on this CPU-only machine.
import {
  PipelineSender,
  checkHealth,
  connect,
  createSinkStage,
  deadlineIn,
  runService,
  sluiceProto,
  startGrpcServer,
  type GrpcServer,
  type InferenceClient,
  type ItemBatch__Output,
  type RunningService,
} from '@sluice/protocol';
import { createLogger, createMetricsRegistry } from '@sluice/service-kit';
import { startStack, type Stack } from '@sluice/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteNearest, remoteSimilarity, resolveSimilarityBackend } from '../src/inference-client.js';
import { scorerStage } from '../src/service.js';
import { scorerSettingsSchema } from '../src/settings.js';
import { NoveltyWindow } from '../src/novelty-window.js';
import { similarityMatrix, toMatrix, unitVector, type Matrix } from '../src/vectors.js';

let stack: Stack;
let client: InferenceClient;

beforeAll(async () => {
  stack = await startStack({
    services: ['inference'],
    env: { SLUICE__LOG__LEVEL: 'warn', SLUICE__INFERENCE__CLASSIFIER_MODELS: '[]' },
  });
  client = connect('Inference', stack.addresses.inference!.grpcAddress);
}, 180_000);

afterAll(async () => {
  client?.close();
  await stack?.stop();
});

/** Deterministic unit vectors (a linear congruential generator), like embeddings of 100 dimensions. */
function units(count: number, seed: number, dimensions = 100): Matrix {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  };
  return toMatrix(
    Array.from({ length: count }, () => unitVector(Array.from({ length: dimensions }, next))!),
    dimensions,
  );
}

async function graphRuns(): Promise<number> {
  const text = await (await fetch(`${stack.opsUrl('inference')}/metrics`)).text();
  return Number(/^sluice_inference_similarity_batch_requests_sum(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1] ?? 0);
}

describe('similarity on the inference service (ONNX graph)', () => {
  it('scores items × profiles as the local kernel does', async () => {
    const items = units(64, 11);
    const profiles = units(7, 12);
    const before = await graphRuns();
    const remote = await remoteSimilarity(client, 10_000)(items, profiles);
    const local = similarityMatrix(items, profiles);
    expect(remote).toHaveLength(64 * 7);
    remote.forEach((value, i) => expect(value).toBeCloseTo(local[i]!, 5));
    expect(await graphRuns()).toBe(before + 1);
  });

  it("finds each item's nearest neighbour in the novelty window as the local window does", async () => {
    const window = new NoveltyWindow(500);
    window.add(units(500, 21));
    // Some items close to window entries, so the nearest scores span a wide range.
    const queries = units(40, 22);
    const near = units(500, 21);
    queries.data.set(near.data.subarray(0, 10 * 100), 0);
    const local = window.nearest(queries);
    const remote = await window.nearestBy(queries, remoteNearest(client, 10_000));
    expect(remote).toHaveLength(40);
    remote.forEach((value, i) => expect(value).toBeCloseTo(local[i]!, 5));
    expect(local[0]).toBeCloseTo(1, 5);
  });

  it('auto keeps similarity local when the models run on the CPU provider', async () => {
    expect(await resolveSimilarityBackend(client, 'auto', 10_000)).toEqual({ backend: 'local', provider: 'cpu' });
    expect((await resolveSimilarityBackend(client, 'inference', 10_000)).backend).toBe('inference');
  });
});

describe('the scorer with similarity_backend: inference', () => {
  let scorer: RunningService | undefined;
  let sinkServer: GrpcServer | undefined;

  afterAll(async () => {
    await scorer?.stop();
    await sinkServer?.shutdown(100);
  });

  it('scores its batches with the similarity graph (profiles and novelty window)', async () => {
    const received: ItemBatch__Output[] = [];
    const sink = createSinkStage({
      stage: 'test-sink',
      logger: createLogger('sink', 'silent'),
      registry: createMetricsRegistry('sink'),
      write: async (batch) => {
        received.push(batch);
        return { batch_id: batch.batch_id, item_ids: batch.items.map((i) => i.raw!.id), inserted: batch.items.length };
      },
    });
    sinkServer = await startGrpcServer('127.0.0.1:0', [
      {
        name: 'sluice.v1.PipelineStage',
        definition: sluiceProto().PipelineStage.service,
        implementation: sink.implementation,
      },
    ]);
    sinkServer.setServing(true);
    scorer = await runService('scorer', scorerSettingsSchema, scorerStage.build, {
      exitOnShutdown: false,
      env: {
        ...process.env,
        SLUICE__LOG__LEVEL: 'silent',
        SLUICE__SERVICES__SCORER__GRPC_ADDRESS: '127.0.0.1:0',
        SLUICE__SERVICES__SCORER__HTTP_PORT: '0',
        SLUICE__SERVICES__INFERENCE__GRPC_ADDRESS: stack.addresses.inference!.grpcAddress,
        SLUICE__SERVICES__PERSISTENCE__GRPC_ADDRESS: `127.0.0.1:${sinkServer.port}`,
        SLUICE__SCORER__NOVELTY_SCOPE: 'replica',
        SLUICE__SCORER__SIMILARITY_BACKEND: 'inference',
      },
    });
    const address = `127.0.0.1:${scorer.grpc.port}`;
    const deadline = Date.now() + 60_000;
    while ((await checkHealth(address).catch(() => 'UNKNOWN')) !== 'SERVING' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const client = connect('PipelineStage', address);
    const sender = new PipelineSender({
      connect: () => client.Process({ deadline: deadlineIn(30_000) }),
      maxInFlightItems: 100,
    });
    const vectors = units(6, 31);
    const item = (i: number) => ({
      raw: { id: `item-${i}`, source_id: 'feed', collected_at_ms: Date.now() },
      normalized: { title: `item ${i}`, text: `text of item ${i}` },
      embedding: { model: '', values: Array.from(vectors.data.subarray(i * 100, (i + 1) * 100)) },
    });
    const before = await graphRuns();
    // The second batch has a novelty window to search: profiles + window on the graph, profiles for the first.
    for (const batch of [
      [0, 1, 2],
      [3, 4, 5],
    ])
      expect((await sender.send({ batch_id: `b${batch[0]}`, items: batch.map(item) })).error ?? '').toBe('');
    expect((await graphRuns()) - before).toBe(3);
    expect(received.flatMap((b) => b.items).map((i) => i.raw!.id)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `item-${i}`));
    await sender.close();
    client.close();
  });
});
