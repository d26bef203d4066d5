// pnpm bench collector: one collector process polls 50 local sources concurrently on its schedule
// (40 RSS/Atom feeds of 100 items at 30 requests/min, 10 JSON APIs of 4 pages × 50 items at 120 requests/min) into a downstream stand-in that
// acknowledges at once. The local servers enforce each source's rate limit with their own token bucket and
// count every request beyond it (rate_limit_violations, must be 0; counted over the whole run, warm-up included).
import { Worker } from 'node:worker_threads';
import { startAckingSink, startBenchCollector, trackServicesPeakRss, type Metrics } from './lib.js';

// The source servers run in a worker thread with their own event loop, so the time a request is seen is not
// delayed by this process's other work (the downstream stand-in decoding batches).
const SERVER_WORKER = String.raw`
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { limits: limitList, toleranceMs } = workerData;
const limits = new Map(limitList.map((l) => [l.key, { rate: l.ratePerSecond, burst: l.burst, tat: undefined }]));
const polls = new Map();
let violations = 0;
let requests = 0;
let minGapRatio = Infinity;
// Server-side policing of each source's rate with the standard GCRA (virtual scheduling): emission interval
// T = 1/rate, tolerance tau = (burst - 1)·T plus toleranceMs for jitter in arrival times (on two saturated
// cores this thread's event loop lags 20-100 ms behind at times, which shifts arrival timestamps).
function allowed(limit, now) {
  const T = 1000 / limit.rate;
  const tau = (limit.burst - 1) * T + toleranceMs;
  if (limit.tat === undefined) limit.tat = now;
  if (now < limit.tat - tau) return false;
  limit.tat = Math.max(now, limit.tat) + T;
  return true;
}
function rss(source, poll, count) {
  let items = '';
  for (let i = 0; i < count; i++) {
    const n = source + '-' + poll + '-' + i;
    items += '<item><title>Story ' + n + ': collectors at scale</title><link>https://news.example/' + n + '</link><guid isPermaLink="false">' + n + '</guid><pubDate>Tue, 10 Nov 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;Paragraph about item ' + n + ', long enough to look like a real summary of a news story with a few sentences.&lt;/p&gt;</description></item>';
  }
  return '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ' + source + '</title><link>https://news.example/</link>' + items + '</channel></rss>';
}
function atom(source, poll, count) {
  let entries = '';
  for (let i = 0; i < count; i++) {
    const n = source + '-' + poll + '-' + i;
    entries += '<entry><id>urn:bench:' + n + '</id><title>Entry ' + n + '</title><link href="/e/' + n + '"/><updated>2026-11-10T10:00:00Z</updated><summary>Summary of entry ' + n + ' with some words in it.</summary></entry>';
  }
  return '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom ' + source + '</title><id>urn:bench:' + source + '</id><updated>2026-11-10T10:00:00Z</updated>' + entries + '</feed>';
}
const server = http.createServer((req, res) => {
  const now = performance.now();
  const url = new URL(req.url, 'http://bench');
  const [, kind, idText] = url.pathname.split('/');
  const key = kind + '/' + idText;
  const id = Number(idText);
  requests += 1;
  const limit = limits.get(key);
  if (limit.prev !== undefined) minGapRatio = Math.min(minGapRatio, ((now - limit.prev) * limit.rate) / 1000);
  limit.prev = now;
  if (!allowed(limit, now)) violations += 1;
  if (kind === 'feed') {
    const poll = (polls.get(key) || 0) + 1;
    polls.set(key, poll);
    res.writeHead(200, { 'content-type': id % 2 === 0 ? 'application/rss+xml' : 'application/atom+xml' });
    res.end(id % 2 === 0 ? rss(id, poll, 100) : atom(id, poll, 100));
    return;
  }
  const page = Number(url.searchParams.get('page') || 1);
  const poll = page === 1 ? (polls.get(key) || 0) + 1 : polls.get(key) || 1;
  polls.set(key, poll);
  const records = [];
  if (page <= 4) for (let i = 0; i < 50; i++) records.push({ id: id + '-' + poll + '-' + page + '-' + i, title: 'API record ' + id + '/' + poll + '/' + page + '/' + i, body: 'Some text for the record.', url: 'https://api.example/' + id + '/' + poll + '/' + page + '/' + i });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ results: records }));
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'listening', port: server.address().port }));
parentPort.on('message', (message) => {
  if (message === 'stats') parentPort.postMessage({ type: 'stats', violations, requests, minGapRatio });
  if (message === 'close') { server.closeAllConnections(); server.close(() => process.exit(0)); }
});
`;

/** Jitter in arrival times the servers tolerate before counting a request as beyond the rate. */
const ARRIVAL_TOLERANCE_MS = 100;

interface SourceServer {
  base: string;
  stats(): Promise<{ violations: number; requests: number; minGapRatio: number }>;
  close(): Promise<void>;
}

async function startSourceServer(
  limits: Array<{ key: string; ratePerSecond: number; burst: number }>,
): Promise<SourceServer> {
  const worker = new Worker(SERVER_WORKER, { eval: true, workerData: { limits, toleranceMs: ARRIVAL_TOLERANCE_MS } });
  const next = (type: string) =>
    new Promise<any>((resolve) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        worker.off('message', onMessage);
        resolve(message);
      };
      worker.on('message', onMessage);
    });
  const { port } = await next('listening');
  return {
    base: `http://127.0.0.1:${port}`,
    async stats() {
      const reply = next('stats');
      worker.postMessage('stats');
      return reply;
    },
    async close() {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  const feedSources = smoke ? 8 : 40;
  const apiSources = smoke ? 2 : 10;
  const windowSeconds = smoke ? 4 : 60;
  // Every source is limited by its rate (not its 1 s interval): feeds once per 2 s, API pages twice a second.
  const feedRatePerMinute = 30;
  const apiRatePerMinute = 120;
  const sources: object[] = [];
  const limits = [
    ...Array.from({ length: feedSources }, (_, i) => ({
      key: `feed/${i}`,
      ratePerSecond: feedRatePerMinute / 60,
      burst: 1,
    })),
    ...Array.from({ length: apiSources }, (_, i) => ({
      key: `api/${i}`,
      ratePerSecond: apiRatePerMinute / 60,
      burst: 1,
    })),
  ];
  const server = await startSourceServer(limits);
  const base = server.base;
  for (let i = 0; i < feedSources; i++) {
    sources.push({
      id: `feed-${i}`,
      kind: 'feed',
      url: `${base}/feed/${i}`,
      interval_seconds: 1,
      rate_limit_per_minute: feedRatePerMinute,
      allow_private_network: true,
    });
  }
  for (let i = 0; i < apiSources; i++) {
    sources.push({
      id: `api-${i}`,
      kind: 'http_json',
      url: `${base}/api/${i}`,
      items_path: 'results',
      fields: { content: 'body' },
      pagination: { type: 'page', param: 'page', start: 1 },
      max_pages: 10,
      interval_seconds: 1,
      rate_limit_per_minute: apiRatePerMinute,
      allow_private_network: true,
    });
  }

  let counting = false;
  let counted = 0;
  const sink = await startAckingSink((items) => {
    if (counting) counted += items;
  });
  const { process: collector, metricsUrl } = await startBenchCollector(sink.address, {
    SLUICE__COLLECTOR__SCHEDULE_ENABLED: 'true',
    SLUICE__COLLECTOR__SCHEDULE_TICK_MILLISECONDS: '100',
    SLUICE__COLLECTOR__MAX_CONCURRENT_SOURCES: '50',
    SLUICE__COLLECTOR__HTTP__HOST_RATE_LIMIT_PER_SECOND: '1000',
    SLUICE__COLLECTOR__HTTP__HOST_RATE_LIMIT_BURST: '100',
    SLUICE__COLLECTOR__HTTP__MAX_CONNECTIONS_PER_HOST: '50',
    SLUICE__COLLECTOR__SOURCES: JSON.stringify(sources),
  });
  const rss_ = trackServicesPeakRss({ collector: metricsUrl }, 250);
  try {
    await new Promise((resolve) => setTimeout(resolve, smoke ? 1_000 : 3_000)); // warm-up: first polls, JIT
    counting = true;
    const before = await server.stats();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000));
    counting = false;
    const seconds = (performance.now() - started) / 1000;
    const after = await server.stats();
    const metricsText = await (await fetch(metricsUrl)).text();
    const waits = [
      ...metricsText.matchAll(/^sluice_collector_rate_limit_waits_total\{scope="source"[^}]*\} (\d+)/gm),
    ].reduce((sum, m) => sum + Number(m[1]), 0);
    const peaks = await rss_.stop();
    return {
      sources: feedSources + apiSources,
      window_seconds: seconds,
      items: counted,
      items_per_minute: (counted / seconds) * 60,
      items_per_second: counted / seconds,
      requests_per_second: (after.requests - before.requests) / seconds,
      rate_limit_violations: after.violations,
      rate_limit_tolerance_milliseconds: ARRIVAL_TOLERANCE_MS,
      // Smallest gap between two requests of one source as seen by the server, in emission intervals (1/rate).
      min_request_gap_ratio: after.minGapRatio,
      rate_limit_waits: waits,
      peak_rss_megabytes: peaks.collector ?? 0,
    };
  } finally {
    await collector.stop();
    await sink.close();
    await server.close();
  }
}
