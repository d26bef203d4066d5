// The scorer as a real gRPC service (runService) between a stand-in inference service (Embed only, failing
// at first to exercise the start-up retry) and a test sink.
import {
  checkHealth,
  connect,
  createSinkStage,
  deadlineIn,
  grpc,
  PipelineSender,
  runService,
  sluiceProto,
  startGrpcServer,
  type EmbedRequest__Output,
  type EmbedResponse,
  type GrpcServer,
  type ItemBatch__Output,
  type RunningService,
  type SimilarityRequest__Output,
  type SimilarityResponse,
} from '@sluice/protocol';
import { createLogger, createMetricsRegistry } from '@sluice/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteSimilarity } from '../src/inference-client.js';
import { scorerStage } from '../src/service.js';
import { similarityMatrix, toMatrix, unitVector } from '../src/vectors.js';
import { scorerSettingsSchema } from '../src/settings.js';

const received: ItemBatch__Output[] = [];
const servers: GrpcServer[] = [];
let scorer: RunningService;
let embedCalls = 0;
let inferenceAddress = '';

// Stand-in embedding: one axis per keyword family.
function embed(text: string): number[] {
  const v = [0, 0, 0, 0.05];
  if (/software|computer/i.test(text)) v[0] = 1;
  if (/research|science/i.test(text)) v[1] = 1;
  if (/football|match/i.test(text)) v[2] = 1;
  return v;
}

beforeAll(async () => {
  const proto = sluiceProto();
  const sink = createSinkStage({
    stage: 'test-sink',
    logger: createLogger('sink', 'silent'),
    registry: createMetricsRegistry('sink'),
    write: async (batch) => {
      received.push(batch);
      return {
        batch_id: batch.batch_id,
        item_ids: [...batch.items.map((i) => i.raw!.id), ...batch.dead_letters.map((d) => d.item_id)],
        inserted: batch.items.length,
      };
    },
  });
  const sinkServer = await startGrpcServer('127.0.0.1:0', [
    { name: 'sluice.v1.PipelineStage', definition: proto.PipelineStage.service, implementation: sink.implementation },
  ]);
  sinkServer.setServing(true);
  const inferenceServer = await startGrpcServer('127.0.0.1:0', [
    {
      name: 'sluice.v1.Inference',
      definition: proto.Inference.service,
      implementation: {
        Embed: (
          call: grpc.ServerUnaryCall<EmbedRequest__Output, EmbedResponse>,
          callback: grpc.sendUnaryData<EmbedResponse>,
        ) => {
          embedCalls += 1;
          if (embedCalls <= 2) return callback({ code: grpc.status.UNAVAILABLE, details: 'model loading' });
          callback(null, {
            model: 'stand-in',
            results: call.request.inputs.map((input) => ({ id: input.id, values: embed(input.text) })),
          });
        },
        Similarity: (
          call: grpc.ServerUnaryCall<SimilarityRequest__Output, SimilarityResponse>,
          callback: grpc.sendUnaryData<SimilarityResponse>,
        ) => {
          const { queries, profiles } = call.request;
          const scores = queries.flatMap((q) =>
            profiles.map((p) => q.values.reduce((sum, v, k) => sum + v * (p.values[k] ?? 0), 0)),
          );
          callback(null, { scores, rows: queries.length, columns: profiles.length });
        },
      },
    },
  ]);
  inferenceServer.setServing(true);
  inferenceAddress = `127.0.0.1:${inferenceServer.port}`;
  servers.push(sinkServer, inferenceServer);
  scorer = await runService('scorer', scorerSettingsSchema, scorerStage.build, {
    exitOnShutdown: false,
    env: {
      ...process.env,
      SLUICE__LOG__LEVEL: 'silent',
      SLUICE__SERVICES__SCORER__GRPC_ADDRESS: '127.0.0.1:0',
      SLUICE__SERVICES__SCORER__HTTP_PORT: '0',
      SLUICE__SERVICES__INFERENCE__GRPC_ADDRESS: `127.0.0.1:${inferenceServer.port}`,
      SLUICE__SERVICES__PERSISTENCE__GRPC_ADDRESS: `127.0.0.1:${sinkServer.port}`,
      // The sink stands in for persistence's stream only (replicas.test.ts runs the shared window for real).
      SLUICE__SCORER__NOVELTY_SCOPE: 'replica',
      SLUICE__SCORER__PROFILES:
        '[{name: tech, description: "software and computers"}, {name: sport, description: "football match results", weight: 0.5}]',
    },
  });
});

afterAll(async () => {
  await scorer?.stop();
  await Promise.all(servers.map((s) => s.shutdown(100)));
});

describe('scorer stage', () => {
  it('becomes SERVING once the profiles are embedded, then scores and forwards items', async () => {
    const address = `127.0.0.1:${scorer.grpc.port}`;
    const deadline = Date.now() + 20_000;
    while ((await checkHealth(address)) !== 'SERVING' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(await checkHealth(address)).toBe('SERVING');
    expect(embedCalls).toBeGreaterThanOrEqual(3);

    const client = connect('PipelineStage', address);
    const sender = new PipelineSender({
      connect: () => client.Process({ deadline: deadlineIn(30_000) }),
      maxInFlightItems: 100,
    });
    const now = Date.now();
    const item = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
      raw: { id, source_id: 'feed', published_at_ms: now - 3_600_000, source_weight: 0.7, priority: 5, ...extra },
      normalized: { title: text, text },
      embedding: { model: 'stand-in', values: embed(text) },
      classifications: [
        {
          model: 'sent',
          task: 'sentiment',
          labels: [
            { name: 'positive', score: 0.6 },
            { name: 'neutral', score: 0.3 },
            { name: 'negative', score: 0.1 },
          ],
        },
      ],
    });
    const ack = await sender.send({
      batch_id: 'scored',
      items: [
        item('tech', 'New software for computers'),
        item('sport', 'Football match ends 2-1'),
        item('other', 'Gardening tips for spring'),
        { raw: { id: 'bare', source_id: 'feed' } },
      ],
    });
    await sender.close();
    client.close();
    expect(ack.error ?? '').toBe('');
    const out = received.find((b) => b.items.some((i) => i.raw?.id === 'tech'))!;
    const byId = new Map(out.items.map((i) => [i.raw!.id, i]));
    expect(byId.size).toBe(4);
    const score = (id: string) => byId.get(id)!.score!;
    const relevance = (id: string) => score(id).components.find((c) => c.name === 'relevance')!;
    expect(relevance('tech').detail).toMatch(/^profile tech/);
    expect(relevance('tech').value).toBeGreaterThan(0.9);
    expect(relevance('sport').value).toBeCloseTo(0.5, 1);
    expect(relevance('other').value).toBe(0);
    expect(score('tech').value).toBeGreaterThan(score('sport').value);
    expect(score('sport').value).toBeGreaterThan(score('other').value);
    expect(score('bare').formula_version).toBe('sluice-score-v1');
    expect(score('bare').components).toHaveLength(7);
    for (const id of ['tech', 'sport', 'other', 'bare']) {
      expect(score(id).value).toBeGreaterThanOrEqual(0);
      expect(score(id).value).toBeLessThanOrEqual(1);
      expect(byId.get(id)!.raw!.priority).toBeGreaterThanOrEqual(0);
    }
    expect(byId.get('tech')!.raw!.priority).toBeGreaterThan(byId.get('bare')!.raw!.priority);
  });

  it('computes the same similarities through the Similarity RPC of the inference service as locally', async () => {
    const client = connect('Inference', inferenceAddress);
    const items = toMatrix([unitVector([1, 2, 3, 4])!, unitVector([4, 3, 2, 1])!, unitVector([0, 1, 0, 1])!], 4);
    const profiles = toMatrix([unitVector([1, 0, 0, 0])!, unitVector([0, 0, 1, 1])!], 4);
    const remote = await remoteSimilarity(client, 5000)(items, profiles);
    const local = similarityMatrix(items, profiles);
    expect(remote).toHaveLength(6);
    remote.forEach((value, i) => expect(value).toBeCloseTo(local[i]!, 5));
    client.close();
  });
});
