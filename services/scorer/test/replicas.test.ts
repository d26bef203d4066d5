// Two scorer replicas (real services on port 0) share one novelty window through the real persistence process
// on PostgreSQL, which also stores what they score: an item scored by one replica counts as "seen" for the
// other, and when the same story reaches both replicas at the same moment, exactly one of the two is novel.
import { PipelineSender, call, connect, deadlineIn, runService, type RunningService } from '@sluice/protocol';
import { createTestDatabase, startStack, type Stack, type TestDatabase } from '@sluice/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scorerStage } from '../src/service.js';
import { scorerSettingsSchema } from '../src/settings.js';

const DIMENSIONS = 32;
let db: TestDatabase;
let stack: Stack;
const replicas: RunningService[] = [];
const senders: PipelineSender[] = [];
const clients: Array<ReturnType<typeof connect<'PipelineStage'>>> = [];
let persistence: ReturnType<typeof connect<'Persistence'>>;

beforeAll(async () => {
  db = await createTestDatabase('sluice_scorer');
  stack = await startStack({ services: ['persistence'], env: { DATABASE_URL: db.url, SLUICE__LOG__LEVEL: 'warn' } });
  const address = stack.addresses.persistence!.grpcAddress;
  persistence = connect('Persistence', address);
  for (let i = 0; i < 2; i++) {
    const replica = await runService('scorer', scorerSettingsSchema, scorerStage.build, {
      exitOnShutdown: false,
      env: {
        ...process.env,
        SLUICE__LOG__LEVEL: 'silent',
        SLUICE__SERVICES__SCORER__GRPC_ADDRESS: '127.0.0.1:0',
        SLUICE__SERVICES__SCORER__HTTP_PORT: '0',
        SLUICE__SERVICES__PERSISTENCE__GRPC_ADDRESS: address,
        // No profiles: relevance comes from topics, and no inference service is needed.
        SLUICE__SCORER__PROFILES: '[]',
        SLUICE__SCORER__NOVELTY_SCOPE: 'shared',
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
  persistence?.close();
  await Promise.all(replicas.map((r) => r.stop()));
  await stack?.stop();
  await db?.drop();
});

/** A unit vector along `axis` (distinct axes are orthogonal: cosine 0). */
const axis = (n: number) => Array.from({ length: DIMENSIONS }, (_, k) => (k === n ? 1 : 0));

const item = (id: string, vector: number[]) => ({
  raw: { id, source_id: 'feed', external_id: id, title: id, collected_at_ms: Date.now() },
  normalized: { title: id, text: `text of ${id}` },
  embedding: { model: 'test-model', values: vector },
});

async function send(replica: number, batchId: string, items: ReturnType<typeof item>[]): Promise<void> {
  const ack = await senders[replica]!.send({ batch_id: batchId, items });
  expect(ack.error ?? '').toBe('');
}

async function noveltyOf(id: string): Promise<number> {
  const { item: stored, found } = await call(persistence, 'GetItem', { id }, 10_000);
  expect(found).toBe(true);
  return stored!.score!.components.find((c) => c.name === 'novelty')!.value;
}

describe('scorer replicas', () => {
  it('compute novelty against the items the other replica scored', async () => {
    await send(0, 'first', [item('seen-a', axis(0)), item('seen-b', axis(1))]);
    await send(1, 'second', [item('again-a', axis(0)), item('new-c', axis(2))]);
    expect(await noveltyOf('seen-a')).toBe(1);
    expect(await noveltyOf('again-a')).toBeCloseTo(0, 5);
    expect(await noveltyOf('new-c')).toBe(1);
    // And back: replica 0 has seen replica 1's new-c.
    await send(0, 'third', [item('again-c', axis(2))]);
    expect(await noveltyOf('again-c')).toBeCloseTo(0, 5);
  });

  it('make exactly one of two identical items scored at the same moment by the two replicas novel', async () => {
    const pairs = Array.from({ length: 12 }, (_, n) => 4 + n);
    await Promise.all(
      pairs.flatMap((dimension) => [
        send(0, `race-a-${dimension}`, [item(`race-a-${dimension}`, axis(dimension))]),
        send(1, `race-b-${dimension}`, [item(`race-b-${dimension}`, axis(dimension))]),
      ]),
    );
    for (const dimension of pairs) {
      const values = [await noveltyOf(`race-a-${dimension}`), await noveltyOf(`race-b-${dimension}`)].map(
        (v) => Math.round(v * 1000) / 1000,
      );
      expect({ dimension, values: values.sort() }).toEqual({ dimension, values: [0, 1] });
    }
  });
});
