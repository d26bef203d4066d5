// Who may stop a run: callers that join a running source share it, and it stops only when every one of them
// cancelled; a caller still queued for a slot leaves the queue. Real HTTP feeds on 127.0.0.1 and a real gRPC sink.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunProgressCounter } from '../src/runs/run-progress.js';
import {
  createTestCollector,
  rssFeed,
  startHttpServer,
  startSink,
  testSettings,
  type TestHttpServer,
  type TestSink,
} from './helpers.js';

const FEEDS = 20;
let feeds: TestHttpServer;
let sink: TestSink;

beforeAll(async () => {
  feeds = await startHttpServer((req, res) => {
    if (req.url === '/list.opml') {
      const outlines = Array.from({ length: FEEDS }, (_, f) => `<outline xmlUrl="/feeds/${f}.xml"/>`).join('');
      res
        .writeHead(200, { 'content-type': 'text/x-opml' })
        .end(`<?xml version="1.0"?><opml version="2.0"><head/><body>${outlines}</body></opml>`);
    } else if (req.url?.startsWith('/feeds/'))
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(req.url.slice(7, -4), 2));
    else res.writeHead(404).end();
  });
  sink = await startSink();
});

afterAll(async () => {
  await sink?.close();
  await feeds?.close();
});

const source = (id: string) => ({
  id,
  kind: 'opml',
  url: `${feeds.url}/list.opml`,
  allow_private_network: true,
  rate_limit_per_minute: 1200,
});
const running = async (t: ReturnType<typeof createTestCollector>) =>
  (await t.registry.getSingleMetric('sluice_collector_sources_running')!.get()).values[0]?.value ?? 0;

describe('cancelling a run', () => {
  it('keeps a run going while another caller still waits for it', async () => {
    const t = createTestCollector(testSettings({ sources: [source('shared')] }), sink.address);
    try {
      const first = new AbortController();
      const second = new AbortController();
      const a = new RunProgressCounter();
      const b = new RunProgressCounter();
      const runA = t.collector.run(['shared'], a, undefined, first.signal);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const runB = t.collector.run(['shared'], b, undefined, second.signal);
      first.abort();
      const [resultB] = await runB;
      const [resultA] = await runA;
      // One run, finished for the caller that stayed; the one that left got the same result.
      expect(resultB).toMatchObject({ outcome: 'ok', collected: FEEDS * 2 });
      expect(resultA).toBe(resultB);
      expect(b.collected).toBe(FEEDS * 2);
      expect(feeds.hits.get('/list.opml')).toBe(1);

      // Both callers gone: the run stops.
      const third = new AbortController();
      const fourth = new AbortController();
      const c = t.collector.run(['shared'], new RunProgressCounter(), undefined, third.signal);
      const d = t.collector.run(['shared'], new RunProgressCounter(), undefined, fourth.signal);
      await new Promise((resolve) => setTimeout(resolve, 150));
      third.abort();
      fourth.abort();
      const started = Date.now();
      const [[resultC], [resultD]] = await Promise.all([c, d]);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(resultC).toMatchObject({ outcome: 'error', error: { code: 'aborted' } });
      expect(resultC!.collected).toBeLessThan(FEEDS * 2);
      expect(resultD).toBe(resultC);
      expect(await running(t)).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('lets a caller waiting for a free slot leave without running the source', async () => {
    const t = createTestCollector(
      testSettings({ max_concurrent_sources: 1, sources: [source('busy'), source('queued')] }),
      sink.address,
    );
    try {
      const busy = t.collector.run(['busy'], new RunProgressCounter());
      await new Promise((resolve) => setTimeout(resolve, 50));
      const leave = new AbortController();
      const queued = t.collector.run(['queued'], new RunProgressCounter(), undefined, leave.signal);
      leave.abort();
      const [left] = await queued;
      expect(left).toMatchObject({ outcome: 'error', collected: 0, error: { code: 'aborted' } });
      expect(t.collector.runningSourceIds).toEqual(['busy']);
      const [done] = await busy;
      expect(done).toMatchObject({ outcome: 'ok', collected: FEEDS * 2 });
      expect(t.collector.freeSlots()).toBe(1);
    } finally {
      await t.close();
    }
  });
});
