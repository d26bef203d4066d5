// Source state across runs: conditional GET makes an unchanged feed cost a 304, and an interrupted JSONL
// import resumes from its last acknowledged checkpoint without losing or re-sending what was stored.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySourceStateStore } from '../src/source-state-store.js';
import {
  createTestCollector,
  rssFeed,
  startHttpServer,
  startSink,
  testSettings,
  type TestHttpServer,
  type TestSink,
} from './helpers.js';

let feeds: TestHttpServer;
let dir: string;
const statuses: number[] = [];
let plainTitle = 'plain';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-checkpoints-'));
  feeds = await startHttpServer((req, res) => {
    if (req.url === '/plain') {
      // No validators at all: the body is the only way to tell what changed.
      const body = rssFeed('plain', 10).replace('plain story 3 &amp; more', `${plainTitle} story 3 &amp; more`);
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    }
    if (req.headers['if-none-match'] === '"feed-v1"') {
      statuses.push(304);
      return void res.writeHead(304).end();
    }
    statuses.push(200);
    res.writeHead(200, { etag: '"feed-v1"', 'content-type': 'application/rss+xml' }).end(rssFeed('cg', 12));
  });
});
afterAll(async () => {
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('source state', () => {
  it('uses ETag so an unchanged feed costs a 304 and sends nothing', async () => {
    const sink = await startSink();
    const store = new MemorySourceStateStore();
    const t = createTestCollector(
      testSettings({
        sources: [
          { id: 'cg', kind: 'feed', url: `${feeds.url}/feed`, allow_private_network: true, interval_seconds: 300 },
        ],
      }),
      sink.address,
      store,
    );
    const first = await t.run();
    expect(first.results[0]!.outcome).toBe('ok');
    const state = store.states.get('cg')!;
    expect(state).toMatchObject({ etag: '"feed-v1"', consecutive_errors: 0, items_total: 12, last_error: '' });
    expect(state.next_fetch_ms - state.last_success_ms).toBe(300_000);
    const second = await t.run();
    expect(second.results[0]!.outcome).toBe('not_modified');
    expect(second.progress.collected).toBe(0);
    expect(statuses).toEqual([200, 304]);
    expect(sink.items).toHaveLength(12);
    await t.close();
    await sink.close();
  });

  it('does not resend unchanged items of a feed without validators, but sends an edited one', async () => {
    const sink = await startSink();
    const t = createTestCollector(
      testSettings({
        sources: [{ id: 'plain', kind: 'feed', url: `${feeds.url}/plain`, allow_private_network: true }],
      }),
      sink.address,
    );
    expect((await t.run()).progress.collected).toBe(10);
    expect((await t.run()).progress.collected).toBe(0);
    plainTitle = 'edited';
    const third = await t.run();
    expect(third.progress.collected).toBe(1);
    expect(sink.items.at(-1)!.title).toBe('edited story 3 & more');
    expect(new Set(sink.items.map((i) => i.id)).size).toBe(10);
    await t.close();
    await sink.close();
  });

  it('resumes an interrupted JSONL import from the last acknowledged batch', async () => {
    const total = 3_000;
    const file = path.join(dir, 'big.jsonl');
    writeFileSync(
      file,
      Array.from({ length: total }, (_, i) => JSON.stringify({ id: `r${i}`, title: `Record ${i}` })).join('\n') + '\n',
    );
    const sink = await startSink({ delayMs: 20 });
    const store = new MemorySourceStateStore();
    const settings = testSettings({
      checkpoint_interval_milliseconds: 0,
      max_in_flight_items: 300,
      sources: [{ id: 'big', kind: 'jsonl', path: file, batch_size: 100 }],
    });
    const first = createTestCollector(settings, sink.address, store);
    const running = first.run();
    while (sink.items.length < 1_000) await new Promise((resolve) => setTimeout(resolve, 10));
    await first.close(); // interrupted: the sender is aborted, unacknowledged batches are lost to this run
    const interrupted = await running;
    expect(interrupted.results[0]!.error?.code).toBe('aborted');
    const checkpoint = JSON.parse(store.states.get('big')!.cursor_json) as { line: number; byte_offset: number };
    expect(checkpoint.line).toBeGreaterThanOrEqual(900);
    expect(checkpoint.line).toBeLessThan(total);
    expect(checkpoint.byte_offset).toBeGreaterThan(0);
    const firstRunIds = new Set(sink.items.map((i) => i.external_id));

    const second = createTestCollector(settings, sink.address, store);
    const resumed = await second.run();
    expect(resumed.results[0]!.outcome).toBe('ok');
    // It starts exactly after the checkpoint: nothing acknowledged is sent again.
    expect(resumed.progress.collected).toBe(total - checkpoint.line);
    const all = new Set(sink.items.map((i) => i.external_id));
    expect(all.size).toBe(total);
    expect(firstRunIds.size).toBeGreaterThanOrEqual(checkpoint.line);
    expect(JSON.parse(store.states.get('big')!.cursor_json)).toMatchObject({ line: total });
    await second.close();
    await sink.close();
  });
});
