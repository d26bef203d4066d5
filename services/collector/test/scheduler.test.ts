// The scheduled loop's pure coordination, with the in-memory store (same lease semantics as persistence):
// three replicas share sources without polling one twice, and a dead replica's leases expire to the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scheduler } from '../src/scheduler.js';
import { MemorySourceStateStore, emptyState } from '../src/source-state-store.js';
import {
  createTestCollector,
  quietLogger,
  rssFeed,
  startHttpServer,
  startSink,
  testSettings,
  type TestHttpServer,
  type TestSink,
} from './helpers.js';

let feeds: TestHttpServer;
let sink: TestSink;
const polls = new Map<string, number>();
const pollOrder: string[] = [];

beforeAll(async () => {
  feeds = await startHttpServer((req, res) => {
    const id = req.url!.slice(1);
    polls.set(id, (polls.get(id) ?? 0) + 1);
    pollOrder.push(id);
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(id, 3)), 30);
  });
  sink = await startSink();
});
afterAll(async () => {
  await sink.close();
  await feeds.close();
});

const sources = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    kind: 'feed',
    url: `${feeds.url}/s${i}`,
    allow_private_network: true,
    interval_seconds: 3600,
  }));

describe('Scheduler', () => {
  it('shares due sources between three replicas without polling any twice', async () => {
    const store = new MemorySourceStateStore();
    const settings = testSettings({
      schedule_enabled: true,
      schedule_tick_milliseconds: 50,
      max_concurrent_sources: 3,
      lease_duration_seconds: 30,
      sources: sources(15),
    });
    const replicas = ['a', 'b', 'c'].map((owner) => {
      const t = createTestCollector(settings, sink.address, store);
      return { owner, t, scheduler: new Scheduler(t.collector, store, settings, owner, quietLogger, t.metrics) };
    });
    for (const r of replicas) r.scheduler.start();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && [...store.states.values()].filter((s) => s.last_success_ms > 0).length < 15)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 200)); // more ticks: nothing is due any more
    for (const r of replicas) await r.scheduler.stop();
    expect(polls.size).toBe(15);
    expect([...polls.values()].every((n) => n === 1)).toBe(true);
    const perReplica = replicas.map((r) => r.scheduler.progress.sourcesDone);
    expect(perReplica.reduce((a, b) => a + b, 0)).toBe(15);
    expect(perReplica.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    for (const s of store.states.values()) expect(s.next_fetch_ms - s.last_success_ms).toBe(3_600_000);
    for (const r of replicas) await r.t.close();
  });

  it('leases due sources by priority when there are fewer slots than due sources', async () => {
    const store = new MemorySourceStateStore();
    const priorities = [1, 1, 9, 1, 9, 5];
    const settings = testSettings({
      schedule_enabled: true,
      schedule_tick_milliseconds: 50,
      max_concurrent_sources: 1,
      sources: sources(6).map((s, i) => ({
        ...s,
        id: `prio-${i}`,
        url: `${feeds.url}/prio-${i}`,
        priority: priorities[i],
      })),
    });
    const t = createTestCollector(settings, sink.address, store);
    const scheduler = new Scheduler(t.collector, store, settings, 'prio', quietLogger, t.metrics);
    scheduler.start();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && scheduler.progress.sourcesDone < 6) await new Promise((r) => setTimeout(r, 20));
    await scheduler.stop();
    await t.close();
    const order = pollOrder.filter((id) => id.startsWith('prio-'));
    expect(order.map((id) => priorities[Number(id.slice(5))])).toEqual([9, 9, 5, 1, 1, 1]);
  });

  it("gives a dead replica's sources to the others once its leases expire", async () => {
    let now = Date.now();
    const store = new MemorySourceStateStore(() => now);
    const settings = testSettings({ sources: sources(2).map((s) => ({ ...s, id: `dead-${s.id}` })) });
    const held = await store.lease('dead-replica', ['dead-s0', 'dead-s1'], 10, 60_000);
    expect(held.sourceIds).toEqual(['dead-s0', 'dead-s1']);
    expect((await store.lease('alive', ['dead-s0', 'dead-s1'], 10, 60_000)).sourceIds).toEqual([]);
    // A save under a lease the owner does not hold is refused.
    expect(await store.save(emptyState('dead-s0'), 'alive')).toBe(false);
    now += 61_000;
    const t = createTestCollector(settings, sink.address, store);
    const scheduler = new Scheduler(t.collector, store, settings, 'alive', quietLogger);
    await scheduler.tick();
    while (scheduler.progress.sourcesDone < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(scheduler.progress.sourcesDone).toBe(2);
    await scheduler.stop();
    await t.close();
  });

  it('keeps polling healthy sources on schedule while hung and failing hosts take only the degraded slots', async () => {
    let open = 0;
    let maxOpen = 0;
    const hung = await startHttpServer((req) => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      req.socket.once('close', () => (open -= 1)); // never answers: the client's timeout ends it
    });
    const failing = await startHttpServer((_req, res) => res.writeHead(500).end('down'));
    const fine = await startHttpServer((req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rssFeed(`${req.url!.slice(1)}-${Date.now()}`, 2)),
    );
    const store = new MemorySourceStateStore();
    // Hung sources come first in the list, so they are leased first and would take every slot.
    const mixed = [
      ...Array.from({ length: 4 }, (_, i) => ({
        id: `hung-${i}`,
        kind: 'feed',
        url: `${hung.url}/h${i}`,
        allow_private_network: true,
        interval_seconds: 1,
      })),
      ...Array.from({ length: 2 }, (_, i) => ({
        id: `failing-${i}`,
        kind: 'feed',
        url: `${failing.url}/f${i}`,
        allow_private_network: true,
        interval_seconds: 1,
      })),
      ...Array.from({ length: 2 }, (_, i) => ({
        id: `fine-${i}`,
        kind: 'feed',
        url: `${fine.url}/ok${i}`,
        allow_private_network: true,
        interval_seconds: 1,
      })),
    ];
    const settings = testSettings({
      schedule_enabled: true,
      schedule_tick_milliseconds: 50,
      max_concurrent_sources: 2,
      max_concurrent_degraded_sources: 1,
      slow_run_seconds: 0.3,
      http: { request_timeout_milliseconds: 4_000, max_retries: 0 },
      sources: mixed,
    });
    const t = createTestCollector(settings, sink.address, store);
    const scheduler = new Scheduler(t.collector, store, settings, 'fair', quietLogger, t.metrics);
    let maxRunning = 0;
    const sampler = setInterval(() => (maxRunning = Math.max(maxRunning, t.collector.runningSourceIds.length)), 10);
    try {
      scheduler.start();
      await new Promise((resolve) => setTimeout(resolve, 3_300)); // shorter than the hung requests' timeout
      // Without the degraded slots, the first two hung sources would hold both slots for the whole 4 s.
      expect(fine.hits.get('/ok0') ?? 0).toBeGreaterThanOrEqual(2);
      expect(fine.hits.get('/ok1') ?? 0).toBeGreaterThanOrEqual(2);
      expect(t.collector.isDegraded('hung-0')).toBe(false); // still in its first run (moved to a degraded slot)
      expect(t.collector.isDegraded('failing-0') || t.collector.isDegraded('failing-1')).toBe(true);
      expect(t.collector.isDegraded('fine-0')).toBe(false);
      // Never more runs at once than the healthy, degraded and overflow slots (2 + 1 + 2) of the 8 sources.
      expect(maxRunning).toBeLessThanOrEqual(5);
      expect(maxOpen).toBeGreaterThanOrEqual(2);
    } finally {
      clearInterval(sampler);
      await scheduler.stop();
      await t.close();
      await Promise.all([hung.close(), failing.close(), fine.close()]);
    }
  });
});
