// Horizontal scale with real processes: three collector replicas share sources through leases held by the
// real persistence service (PostgreSQL), never polling a source twice; when a replica dies, its lease
// expires and another replica finishes the source. Source errors land in the database.
import { call, connect } from '@sluice/protocol';
import {
  createTestDatabase,
  freePort,
  spawnService,
  startStack,
  waitUntilServing,
  type ServiceProcess,
  type Stack,
  type TestDatabase,
} from '@sluice/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, startHttpServer, startSink, type TestHttpServer, type TestSink } from './helpers.js';

let db: TestDatabase;
let stack: Stack;
let feeds: TestHttpServer;
let sink: TestSink;
const replicas: ServiceProcess[] = [];
const polls = new Map<string, string[]>(); // source path → user agents (one per replica)
let hangFirstSlow = true;

const SOURCES = 12;

beforeAll(async () => {
  db = await createTestDatabase('sluice_collector');
  feeds = await startHttpServer((req, res) => {
    const id = req.url!.slice(1);
    polls.set(id, [...(polls.get(id) ?? []), String(req.headers['user-agent'])]);
    if (id === 'fail') return void res.writeHead(500).end();
    if (id === 'slow' && hangFirstSlow) {
      hangFirstSlow = false;
      return; // never answers: its replica is killed while it waits
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(id, 5));
  });
  sink = await startSink();
  stack = await startStack({ services: ['persistence'], env: { DATABASE_URL: db.url, SLUICE__LOG__LEVEL: 'warn' } });
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop(5_000)));
  await stack?.stop();
  await sink?.close();
  await feeds?.close();
  await db?.drop();
});

async function startReplica(name: string, sources: unknown[]): Promise<ServiceProcess> {
  const grpcAddress = `127.0.0.1:${await freePort()}`;
  const proc = spawnService('collector', {
    env: {
      ...process.env,
      ...stack.env,
      SLUICE__SERVICES__COLLECTOR__GRPC_ADDRESS: grpcAddress,
      SLUICE__SERVICES__COLLECTOR__HTTP_PORT: String(await freePort()),
      SLUICE__SERVICES__TRANSFORMER__GRPC_ADDRESS: sink.address,
      SLUICE__LOG__LEVEL: 'warn',
      SLUICE__COLLECTOR__SCHEDULE_ENABLED: 'true',
      SLUICE__COLLECTOR__SCHEDULE_TICK_MILLISECONDS: '100',
      SLUICE__COLLECTOR__LEASE_DURATION_SECONDS: '5',
      SLUICE__COLLECTOR__MAX_CONCURRENT_SOURCES: '3',
      SLUICE__COLLECTOR__REPLICA_ID: name,
      SLUICE__COLLECTOR__HTTP__USER_AGENT: name,
      SLUICE__COLLECTOR__HTTP__MAX_RETRIES: '0',
      SLUICE__COLLECTOR__HTTP__REQUEST_TIMEOUT_MILLISECONDS: '60000',
      SLUICE__COLLECTOR__SOURCES: JSON.stringify(sources),
    },
  });
  replicas.push(proc);
  await waitUntilServing(proc, grpcAddress, 60_000);
  return proc;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('collector replicas', () => {
  it('share sources through leases, and a dead replica loses its lease to the others', async () => {
    const ids = [...Array.from({ length: SOURCES }, (_, i) => `feed${i}`), 'fail', 'slow'];
    const sources = ids.map((id) => ({
      id,
      kind: 'feed',
      url: `${feeds.url}/${id}`,
      allow_private_network: true,
      interval_seconds: 3600,
    }));
    const started = await Promise.all(['r0', 'r1', 'r2'].map((name) => startReplica(name, sources)));

    // Every healthy source is polled exactly once, by whichever replica leased it.
    await until(() => ids.filter((id) => id !== 'slow').every((id) => polls.has(id)) && polls.has('slow'), 30_000);
    // A poll is finished once its state is saved. Kill only then: a replica killed between a poll and its save
    // would, rightly, have that source polled again by another once the lease expires (at-least-once).
    const client = connect('Persistence', stack.addresses.persistence!.grpcAddress);
    type States = {
      states: Array<{
        source_id: string;
        last_success_ms: number;
        next_fetch_ms: number;
        consecutive_errors: number;
        last_error: string;
      }>;
    };
    const readStates = async () =>
      new Map((await call(client, 'GetSourceState', { source_ids: ids }, 5_000)).states.map((s) => [s.source_id, s]));
    const finished = (state: States['states'][number] | undefined) =>
      (state?.last_success_ms ?? 0) > 0 || (state?.consecutive_errors ?? 0) > 0;
    const deadline = Date.now() + 30_000;
    for (
      let states = await readStates();
      !ids.filter((id) => id !== 'slow').every((id) => finished(states.get(id)));
      states = await readStates()
    ) {
      if (Date.now() > deadline) throw new Error('polls were not saved in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const holder = polls.get('slow')![0]!;
    const victim = started[['r0', 'r1', 'r2'].indexOf(holder)]!;
    victim.child.kill('SIGKILL');
    // The lease (5 s) expires and a surviving replica polls the slow source again.
    await until(() => (polls.get('slow')?.length ?? 0) >= 2, 20_000);
    expect(polls.get('slow')![1]).not.toBe(holder);
    await until(() => sink.items.filter((i) => i.source_id === 'slow').length === 5, 10_000);

    await new Promise((resolve) => setTimeout(resolve, 500)); // more ticks: nothing is due any more
    for (const id of ids.filter((i) => i !== 'slow')) expect(polls.get(id), id).toHaveLength(1);
    expect(new Set([...polls.values()].flat()).size).toBeGreaterThanOrEqual(2);
    expect(new Set(sink.items.map((i) => i.id)).size).toBe((SOURCES + 1) * 5);

    // State and errors are in the database, through the persistence API.
    const byId = await readStates();
    expect(byId.get('feed0')!.last_success_ms).toBeGreaterThan(0);
    expect(byId.get('feed0')!.next_fetch_ms - byId.get('feed0')!.last_success_ms).toBe(3_600_000);
    expect(byId.get('fail')).toMatchObject({ consecutive_errors: 1 });
    expect(byId.get('fail')!.last_error).toMatch(/^http_status: HTTP 500/);
    const errors = await call(client, 'ListSourceErrors', { source_id: 'fail', limit: 10 }, 5_000);
    expect(errors.errors).toEqual([expect.objectContaining({ code: 'http_status', http_status: 500 })]);
    client.close();
  });
});
