// The running service over real gRPC on loopback: health follows model loading, concurrent Embed and
// Classify callers are coalesced into shared batches, and the pipeline stage fills every item.
import {
  call,
  checkHealth,
  connect,
  createSinkStage,
  deadlineIn,
  grpc,
  PipelineSender,
  runService,
  sluiceProto,
  startGrpcServer,
} from '@sluice/protocol';
import type {
  InferResponse__Output,
  EmbedResponse__Output as EmbedResponse,
  ClassifyResponse__Output as ClassifyResponse,
  GrpcServer,
  InferenceClient,
  ItemBatch__Output,
  ListModelsResponse__Output as ListModelsResponse,
  PipelineStageClient,
  RunningService,
  SimilarityResponse__Output as SimilarityResponse,
} from '@sluice/protocol';
import { createLogger, createMetricsRegistry } from '@sluice/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferenceStage } from '../src/service.js';
import { inferenceSettingsSchema } from '../src/settings.js';

let service: RunningService;
let sink: GrpcServer;
let client: InferenceClient;
const received: ItemBatch__Output[] = [];
/** The service's environment; a test changes it to see ReloadModels follow the config. */
const env: NodeJS.ProcessEnv = {
  ...process.env,
  SLUICE__LOG__LEVEL: 'silent',
  SLUICE__SERVICES__INFERENCE__GRPC_ADDRESS: '127.0.0.1:0',
  SLUICE__SERVICES__INFERENCE__HTTP_PORT: '0',
  SLUICE__INFERENCE__MAX_QUEUE_DELAY_MILLISECONDS: '20',
};

beforeAll(async () => {
  const proto = sluiceProto();
  // The scorer's place downstream: a real sink stage that records what the inference stage forwarded.
  const stage = createSinkStage({
    stage: 'scorer',
    logger: createLogger('test', 'silent'),
    registry: createMetricsRegistry('scorer-test'),
    write: async (batch) => {
      received.push(batch);
      return {
        batch_id: batch.batch_id,
        item_ids: [...batch.items.map((i) => i.raw!.id), ...batch.dead_letters.map((d) => d.item_id)],
        inserted: batch.items.length,
        dead_lettered: batch.dead_letters.length,
      };
    },
  });
  sink = await startGrpcServer('127.0.0.1:0', [
    { name: 'sluice.v1.PipelineStage', definition: proto.PipelineStage.service, implementation: stage.implementation },
  ]);
  sink.setServing(true);
  service = await runService('inference', inferenceSettingsSchema, inferenceStage.build, {
    exitOnShutdown: false,
    env: Object.assign(env, { SLUICE__SERVICES__SCORER__GRPC_ADDRESS: `127.0.0.1:${sink.port}` }),
  });
  client = connect('Inference', `127.0.0.1:${service.grpc.port}`);
  const started = Date.now();
  // Right after start the models are still loading: NOT_SERVING.
  const first = await checkHealth(`127.0.0.1:${service.grpc.port}`, 'sluice.v1.Inference').catch(() => 'UNKNOWN');
  expect(first).not.toBe('SERVING');
  while (
    (await checkHealth(`127.0.0.1:${service.grpc.port}`, 'sluice.v1.Inference').catch(() => 'UNKNOWN')) !== 'SERVING'
  ) {
    if (Date.now() - started > 60_000) throw new Error('inference never became SERVING');
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  client?.close();
  await service?.stop();
  await sink?.shutdown(100);
});

async function batchCount(model: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${service.httpPort}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('sluice_inference_batch_size_count') && l.includes(`model="${model}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('inference gRPC service', () => {
  it('coalesces concurrent Embed callers into fewer batches', async () => {
    const before = await batchCount('sluice-embed-glove-100d');
    const callers = 48;
    const responses = await Promise.all(
      Array.from({ length: callers }, (_, i) =>
        call(
          client,
          'Embed',
          { inputs: [{ id: `q${i}`, text: `caller ${i} asks about the weather in city number ${i}` }] },
          10_000,
        ),
      ),
    );
    const batches = (await batchCount('sluice-embed-glove-100d')) - before;
    expect(responses.every((r) => r.results[0]!.values.length === 100 && !r.results[0]!.error)).toBe(true);
    expect(responses[0]!.model).toBe('sluice-embed-glove-100d');
    expect(responses[7]!.results[0]!.id).toBe('q7');
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThanOrEqual(callers / 4);
  });

  it('classifies with every classifier, labels sorted, with timings; Similarity and ListModels answer', async () => {
    const before = await batchCount('sluice-sentiment-afinn');
    const texts = [
      'I love this wonderful phone',
      'This was a horrible, awful trip',
      'Congress debated the new budget law',
    ];
    const responses = await Promise.all(
      texts.map((text, i) => call(client, 'Classify', { inputs: [{ id: `c${i}`, text }] }, 10_000)),
    );
    expect((await batchCount('sluice-sentiment-afinn')) - before).toBeLessThan(texts.length);
    const [love, awful, congress] = responses.map((r) => r.results[0]!);
    const sentiment = (r: typeof love) => r!.classifications.find((c) => c.task === 'sentiment')!;
    expect(sentiment(love).labels[0]!.name).toBe('positive');
    expect(sentiment(awful).labels[0]!.name).toBe('negative');
    expect(congress!.classifications.find((c) => c.task === 'topics')!.labels[0]!.name).toBe('politics');
    for (const c of love!.classifications) {
      const scores = c.labels.map((l) => l.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    expect(Number(love!.timing!.inference_ns)).toBeGreaterThan(0);

    const similarity = await call(
      client,
      'Similarity',
      {
        queries: [{ values: [1, 0] }, { values: [0, 2] }],
        profiles: [{ values: [1, 0] }, { values: [1, 1] }, { values: [0, -1] }],
      },
      5_000,
    );
    expect(similarity.rows).toBe(2);
    expect(similarity.columns).toBe(3);
    expect(similarity.scores.map((s) => Number(s.toFixed(3)))).toEqual([1, 0.707, 0, 0, 0.707, -1]);

    const models = await call(client, 'ListModels', {}, 5_000);
    expect(models.models.map((m) => m.name)).toEqual(
      expect.arrayContaining(['sluice-embed-glove-100d', 'sluice-sentiment-afinn', 'sluice-topics']),
    );
    expect(models.models.find((m) => m.name === 'sluice-embed-glove-100d')!.dimensions).toBe(100);
  });

  it('rejects an unknown model with NOT_FOUND', async () => {
    await expect(
      call(client, 'Embed', { model: 'no-such-model', inputs: [{ text: 'x' }] }, 5_000),
    ).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('as a pipeline stage, fills embedding, classifications and timing, and forwards to the next stage', async () => {
    const stageClient = connect('PipelineStage', `127.0.0.1:${service.grpc.port}`);
    const sender = new PipelineSender({
      connect: () => stageClient.Process({ deadline: deadlineIn(30_000) }),
      maxInFlightItems: 500,
    });
    const items = Array.from({ length: 30 }, (_, i) => ({
      raw: {
        id: `item-${i}`,
        source_id: 'test',
        title: `Title ${i}`,
        summary: i % 2 ? 'The team won the football match.' : 'Investors sold shares as the market fell.',
      },
      normalized:
        i % 3 === 0 ? { title: `Normalized ${i}`, text: 'Doctors treated patients in the hospital.' } : undefined,
    }));
    const ack = await sender.send({ items });
    await sender.close();
    stageClient.close();
    expect(ack.item_ids).toHaveLength(30);
    const forwarded = received.flatMap((b) => b.items);
    expect(forwarded).toHaveLength(30);
    for (const item of forwarded) {
      expect(item.embedding!.model).toBe('sluice-embed-glove-100d');
      expect(item.embedding!.values).toHaveLength(100);
      expect(item.classifications.map((c) => c.model).sort()).toEqual([
        'sluice-sentiment-afinn',
        'sluice-spam',
        'sluice-topics',
      ]);
      expect(Number(item.inference_timing!.inference_ns)).toBeGreaterThan(0);
    }
    const topic = (id: string) =>
      forwarded.find((i) => i.raw!.id === id)!.classifications.find((c) => c.task === 'topics')!.labels[0]!.name;
    expect(topic('item-0')).toBe('health');
    expect(topic('item-1')).toBe('sports');
    expect(topic('item-2')).toBe('business');
  });

  it('refuses empty text per input (invalid_input) and serves the rest; a pipeline item without text goes on unclassified', async () => {
    const inputs = [
      { id: 'blank', text: '' },
      { id: 'spaces', text: ' \n\t ' },
      { id: 'real', text: 'The team won the football match.' },
    ];
    const embedded = await call(client, 'Embed', { inputs }, 10_000);
    expect(embedded.results.map((r) => [r.id, r.error, r.values.length])).toEqual([
      ['blank', 'invalid_input', 0],
      ['spaces', 'invalid_input', 0],
      ['real', '', 100],
    ]);
    const classified = await call(client, 'Classify', { inputs }, 10_000);
    expect(classified.results.map((r) => r.error)).toEqual(['invalid_input', 'invalid_input', '']);
    expect(classified.results[2]!.classifications.find((c) => c.task === 'topics')!.labels[0]!.name).toBe('sports');
    const metrics = await (await fetch(`http://127.0.0.1:${service.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/sluice_inference_rejections_total\{[^}]*reason="invalid"[^}]*\} [1-9]/);

    const stageClient = connect('PipelineStage', `127.0.0.1:${service.grpc.port}`);
    const sender = new PipelineSender({
      connect: () => stageClient.Process({ deadline: deadlineIn(30_000) }),
      maxInFlightItems: 500,
    });
    const ack = await sender.send({
      items: [
        {
          raw: { id: 'link-only', source_id: 'test', url: 'https://example.org/a' },
          normalized: { title: '', text: '' },
        },
        {
          raw: {
            id: 'with-text',
            source_id: 'test',
            title: 'Stocks',
            summary: 'Investors sold shares as the market fell.',
          },
        },
      ],
    });
    await sender.close();
    stageClient.close();
    expect(ack.item_ids.sort()).toEqual(['link-only', 'with-text']);
    const forwarded = received.flatMap((b) => b.items);
    const linkOnly = forwarded.find((i) => i.raw!.id === 'link-only')!;
    expect(linkOnly.embedding).toBeNull();
    expect(linkOnly.classifications).toEqual([]);
    expect(forwarded.find((i) => i.raw!.id === 'with-text')!.embedding!.values).toHaveLength(100);
    expect(received.flatMap((b) => b.dead_letters)).toEqual([]);
  });

  it('answers embed, classify and similarity requests over one bidirectional Infer stream, in any order', async () => {
    const call = client.Infer({ deadline: deadlineIn(15_000) });
    const responses: InferResponse__Output[] = [];
    const done = new Promise<void>((resolve, reject) => {
      call.on('data', (r: InferResponse__Output) => responses.push(r));
      call.on('end', resolve);
      call.on('error', reject);
    });
    for (let i = 0; i < 20; i++)
      call.write({ request_id: `e${i}`, embed: { inputs: [{ id: `x${i}`, text: `stream text ${i} about markets` }] } });
    call.write({
      request_id: 'c',
      classify: { models: ['sluice-sentiment-afinn'], inputs: [{ id: 'y', text: 'what a lovely day' }] },
    });
    call.write({ request_id: 's', similarity: { queries: [{ values: [1, 0] }], profiles: [{ values: [0, 1] }] } });
    call.write({ request_id: 'bad', embed: { model: 'missing-model', inputs: [{ text: 'x' }] } });
    call.end();
    await done;
    const byId = new Map(responses.map((r) => [r.request_id, r]));
    expect(byId.size).toBe(23);
    expect(byId.get('e7')!.embed!.results[0]!.values).toHaveLength(100);
    expect(byId.get('c')!.classify!.results[0]!.classifications[0]!.labels[0]!.name).toBe('positive');
    expect(byId.get('s')!.similarity!.scores).toEqual([0]);
    expect(byId.get('bad')!.error_code).toBe('NOT_FOUND');
  });

  it('reloads the model lists from the config: removed models are unloaded, added ones loaded', async () => {
    const names = (r: ListModelsResponse) => r.models.map((m) => m.name).sort();
    const before = names(await call(client, 'ListModels', {}, 10_000));
    expect(before).toContain('sluice-topics');
    env.SLUICE__INFERENCE__CLASSIFIER_MODELS = '[sluice-sentiment-afinn]';
    try {
      const reduced = await call(client, 'ReloadModels', {}, 30_000);
      expect(names(reduced)).toEqual(['sluice-embed-glove-100d', 'sluice-sentiment-afinn']);
      await expect(
        call(client, 'Classify', { models: ['sluice-topics'], inputs: [{ text: 'the match ended in a draw' }] }, 5_000),
      ).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
      const sentiment = await call(client, 'Classify', { inputs: [{ text: 'a wonderful day' }] }, 5_000);
      expect(sentiment.results[0]!.classifications.map((c) => c.model)).toEqual(['sluice-sentiment-afinn']);
    } finally {
      delete env.SLUICE__INFERENCE__CLASSIFIER_MODELS;
    }
    const restored = await call(client, 'ReloadModels', {}, 30_000);
    expect(names(restored)).toEqual(before);
  });

  it('reloads models without a restart and keeps serving', async () => {
    const pending = call(client, 'Embed', { inputs: [{ text: 'during reload' }] }, 10_000);
    const reloaded = await call(client, 'ReloadModels', {}, 30_000);
    expect(reloaded.models.map((m) => m.name)).toContain('sluice-embed-glove-100d');
    // A request caught by the swap runs on the new session: nothing is lost.
    expect((await pending).results[0]!.values).toHaveLength(100);
    const after = await call(client, 'Embed', { inputs: [{ text: 'after reload' }] }, 10_000);
    expect(after.results[0]!.values).toHaveLength(100);
  });
});
