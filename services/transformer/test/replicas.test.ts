// Two transformer replicas (real services on port 0) share one duplicate index through the real persistence
// process on PostgreSQL: an item arriving at one replica is linked to its original seen by the other, and when
// near-duplicates reach both replicas at the same moment, exactly one of each pair is linked to the other.
import {
  PipelineSender,
  connect,
  createSinkStage,
  deadlineIn,
  runService,
  sluiceProto,
  startGrpcServer,
  type GrpcServer,
  type ItemBatch__Output,
  type NormalizedItem__Output,
  type PipelineStageClient,
  type RunningService,
} from '@sluice/protocol';
import { createTestDatabase, startStack, type Stack, type TestDatabase } from '@sluice/stack';
import { createLogger, createMetricsRegistry } from '@sluice/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformerStage } from '../src/service.js';
import { transformerSettingsSchema } from '../src/settings.js';
import { NEAR_DUPLICATES, UNRELATED, WIRE_STORY } from './fixtures/near-duplicates.js';

let db: TestDatabase;
let stack: Stack;
let sink: GrpcServer;
const received = new Map<string, NormalizedItem__Output>();
const replicas: RunningService[] = [];
const senders: PipelineSender[] = [];
const clients: PipelineStageClient[] = [];

beforeAll(async () => {
  db = await createTestDatabase('sluice_transformer');
  stack = await startStack({ services: ['persistence'], env: { DATABASE_URL: db.url, SLUICE__LOG__LEVEL: 'warn' } });
  const stage = createSinkStage({
    stage: 'test-sink',
    logger: createLogger('sink', 'silent'),
    registry: createMetricsRegistry('sink'),
    write: async (batch: ItemBatch__Output) => {
      for (const item of batch.items) received.set(item.raw!.id, item.normalized!);
      return { batch_id: batch.batch_id, item_ids: batch.items.map((i) => i.raw!.id), inserted: batch.items.length };
    },
  });
  sink = await startGrpcServer('127.0.0.1:0', [
    {
      name: 'sluice.v1.PipelineStage',
      definition: sluiceProto().PipelineStage.service,
      implementation: stage.implementation,
    },
  ]);
  sink.setServing(true);
  for (let i = 0; i < 2; i++) {
    const replica = await runService('transformer', transformerSettingsSchema, transformerStage.build, {
      exitOnShutdown: false,
      env: {
        ...process.env,
        SLUICE__LOG__LEVEL: 'silent',
        SLUICE__SERVICES__TRANSFORMER__GRPC_ADDRESS: '127.0.0.1:0',
        SLUICE__SERVICES__TRANSFORMER__HTTP_PORT: '0',
        SLUICE__SERVICES__INFERENCE__GRPC_ADDRESS: `127.0.0.1:${sink.port}`,
        SLUICE__SERVICES__PERSISTENCE__GRPC_ADDRESS: stack.addresses.persistence!.grpcAddress,
        SLUICE__TRANSFORMER__WORKER_THREADS: '0',
        SLUICE__TRANSFORMER__DEDUP_SCOPE: 'shared',
      },
    });
    replicas.push(replica);
    const client = connect('PipelineStage', `127.0.0.1:${replica.grpc.port}`);
    clients.push(client);
    senders.push(
      new PipelineSender({ connect: () => client.Process({ deadline: deadlineIn(60_000) }), maxInFlightItems: 1000 }),
    );
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(senders.map((s) => s.close().catch(() => undefined)));
  for (const client of clients) client.close();
  await Promise.all(replicas.map((r) => r.stop()));
  await sink?.shutdown(100);
  await stack?.stop();
  await db?.drop();
});

const item = (id: string, text: string, url = '') => ({
  raw: { id, source_id: id.split('-')[0]!, title: '', content: text, content_type: 'text/plain', url },
});

async function send(replica: number, batchId: string, items: ReturnType<typeof item>[]): Promise<void> {
  const ack = await senders[replica]!.send({ batch_id: batchId, items });
  expect(ack.error ?? '').toBe('');
}

describe('transformer replicas', () => {
  it('link a duplicate arriving at the other replica to its original', async () => {
    await send(0, 'first', [item('wire-1', WIRE_STORY, 'https://wire.example.com/ecb')]);
    await send(1, 'second', [
      item('copy-1', WIRE_STORY, 'https://mirror.example.org/ecb-copy'),
      ...NEAR_DUPLICATES.map((pair, i) => item(`near-${i}`, pair.b, `https://paper${i}.example.net/ecb`)),
      ...UNRELATED.map((text, i) => item(`other-${i}`, text, `https://other.example.org/${i}`)),
    ]);
    expect(received.get('wire-1')).toMatchObject({ duplicate_of: '' });
    expect(received.get('copy-1')).toMatchObject({ duplicate_of: 'wire-1', duplicate_kind: 'exact' });
    NEAR_DUPLICATES.forEach((_, i) =>
      expect(received.get(`near-${i}`)).toMatchObject({ duplicate_of: 'wire-1', duplicate_kind: 'near' }),
    );
    UNRELATED.forEach((_, i) => expect(received.get(`other-${i}`)).toMatchObject({ duplicate_of: '' }));
    // Back the other way: replica 0 learns replica 1's originals.
    await send(0, 'third', [item('again-0', UNRELATED[0]!, 'https://third.example.org/boe')]);
    expect(received.get('again-0')).toMatchObject({ duplicate_of: 'other-0', duplicate_kind: 'exact' });
  });

  it('link one of two near-duplicates that reach both replicas at the same moment to the other', async () => {
    // Distinct stories (so pairs do not match each other), each with a lightly edited copy.
    const stories = Array.from(
      { length: 12 },
      (_, n) =>
        `Story ${n}: ` +
        WIRE_STORY.split(' ')
          .map((word, k) => (k % 12 === n ? `${word}${n}x` : word))
          .reverse()
          .slice(n * 3)
          .join(' ') +
        ` Filed under topic ${n} with reference number ${n * 7919}.`,
    );
    const edited = stories.map((story) => story.replace('Story', 'Report'));
    await Promise.all(
      stories.flatMap((story, n) => [
        send(0, `race-a-${n}`, [item(`racea-${n}`, story)]),
        send(1, `race-b-${n}`, [item(`raceb-${n}`, edited[n]!)]),
      ]),
    );
    for (let n = 0; n < stories.length; n++) {
      const a = received.get(`racea-${n}`)!;
      const b = received.get(`raceb-${n}`)!;
      const links = [a.duplicate_of, b.duplicate_of].filter(Boolean);
      expect({ n, links }).toEqual({ n, links: [expect.stringMatching(new RegExp(`^race[ab]-${n}$`))] });
      if (a.duplicate_of) expect(a.duplicate_of).toBe(`raceb-${n}`);
      else expect(b.duplicate_of).toBe(`racea-${n}`);
    }
  });
});
