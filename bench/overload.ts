// pnpm bench overload: what happens when the world sends more than the pipeline can store.
//
// Part 1, offered load (all six processes, PostgreSQL): first the sustainable rate R is measured in this run
// (items stored per second while closed-loop pushes that wait for their answer and sources whose every poll
// brings 200 items always offer more). Then R·2 and R·5 are
// offered for a while each, half as POST /v1/items pushes (open loop: a request every few milliseconds that
// never waits for earlier ones or honours Retry-After) and half from scheduled feed sources whose every poll
// brings new items. Recorded per phase: stored items/s, the answers to pushes (200/202 vs 429/503, client
// timeouts), how often the collector polled compared with its schedule (backpressure slows it down), and each
// service's peak RSS (from its /metrics).
//
// Part 2, 100 source hosts side by side: two collector processes run at the same time, each into a stand-in
// that acknowledges at once. One polls 100 fine hosts; the other polls 100 hosts of which a third are slow
// (answers trickle in over 6 s), a third fail (HTTP 5xx, hung requests, connection resets) and a third are
// fine. The fine hosts of the mixed collector should keep their throughput: healthy_hosts_throughput_ratio is
// items/s from the mixed collector's fine hosts ÷ items/s from the same number of hosts of the all-fine one.
// Every host is its own 127.0.0.1 port (the collector keys breakers, rate limits and pools by host:port).
import { Worker } from 'node:worker_threads';
import { PIPELINE } from '@sluice/protocol';
import { createTestDatabase, startStack, type ServiceName } from '@sluice/stack';
import {
  counterValue,
  stageCounters,
  startAckingSink,
  startBenchCollector,
  trackServicesPeakRss,
  type Metrics,
} from './lib.js';

// The declared pipeline's services and the gateway.
const SERVICES: ServiceName[] = [...PIPELINE, 'gateway'];
const API_KEY = 'bench-overload-key-0123456789abcdef0123';

// Source servers in a worker thread (their own event loop, so slow hosts' timers and this process's pushes do
// not delay each other). Every path is one host: /<behaviour>/<n> on port ports[n]. Each poll of a path brings
// `perPoll` new items (unique guids), so a poll is never "unchanged".
const SERVER_WORKER = String.raw`
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
let perPoll = workerData.perPoll;
const polls = new Map();
const stats = { requests: 0 };
function rss(key, poll, count) {
  let items = '';
  for (let i = 0; i < count; i++) {
    const n = key + '-' + poll + '-' + i;
    items += '<item><title>Story ' + n + ' about load</title><link>https://overload.example/' + n + '</link><guid isPermaLink="false">' + n + '</guid><description>Paragraph ' + n + ' with words about pipelines, queues, backpressure, memory and storage under heavy load from many sources at once.</description></item>';
  }
  return '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ' + key + '</title><link>https://overload.example/</link>' + items + '</channel></rss>';
}
const servers = [];
function handler(behaviour, index) {
  const key = behaviour + index;
  return (req, res) => {
    stats.requests += 1;
    if (behaviour === 'fail') {
      const mode = index % 3;
      if (mode === 0) { res.writeHead(index % 2 ? 503 : 500, { 'content-type': 'text/plain' }); res.end('failing'); return; }
      if (mode === 1) return; // hangs until the client's timeout
      req.socket.destroy(); // connection reset
      return;
    }
    const poll = (polls.get(key) || 0) + 1;
    polls.set(key, poll);
    const body = rss(key, poll, perPoll);
    if (behaviour === 'slow') {
      // Headers after 3 s, then the body in 10 pieces over another 3 s (slower than collector.slow_run_seconds).
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const step = Math.ceil(body.length / 10);
        let at = 0;
        const timer = setInterval(() => {
          res.write(body.slice(at, at + step));
          at += step;
          if (at >= body.length) { clearInterval(timer); res.end(); }
        }, 300);
        res.on('close', () => clearInterval(timer));
      }, 3000);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(body);
  };
}
let pending = workerData.hosts.length;
const ports = [];
workerData.hosts.forEach((behaviour, index) => {
  const server = http.createServer(handler(behaviour, index));
  server.keepAliveTimeout = 30000;
  servers.push(server);
  server.listen(0, '127.0.0.1', () => {
    ports[index] = server.address().port;
    if (--pending === 0) parentPort.postMessage({ type: 'listening', ports });
  });
});
parentPort.on('message', (message) => {
  if (message.type === 'perPoll') perPoll = message.value;
  if (message.type === 'stats') parentPort.postMessage({ type: 'stats', requests: stats.requests });
  if (message.type === 'close') { for (const s of servers) { s.closeAllConnections(); s.close(); } setTimeout(() => process.exit(0), 50); }
});
`;

type Behaviour = 'fine' | 'slow' | 'fail';

interface SourceHosts {
  urls: string[];
  setPerPoll(items: number): void;
  requests(): Promise<number>;
  close(): Promise<void>;
}

async function startSourceHosts(hosts: Behaviour[], perPoll: number): Promise<SourceHosts> {
  const worker = new Worker(SERVER_WORKER, { eval: true, workerData: { hosts, perPoll } });
  const next = (type: string) =>
    new Promise<any>((resolve) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        worker.off('message', onMessage);
        resolve(message);
      };
      worker.on('message', onMessage);
    });
  const { ports } = (await next('listening')) as { ports: number[] };
  return {
    urls: hosts.map((behaviour, i) => `http://127.0.0.1:${ports[i]}/${behaviour}/${i}`),
    setPerPoll: (value) => worker.postMessage({ type: 'perPoll', value }),
    async requests() {
      const reply = next('stats');
      worker.postMessage({ type: 'stats' });
      return ((await reply) as { requests: number }).requests;
    },
    async close() {
      worker.postMessage({ type: 'close' });
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers to pushes during one phase. */
interface PushCounts {
  sent: number;
  stored: number; // 200
  accepted: number; // 202
  overloaded: number; // 429
  unavailable: number; // 503
  otherStatus: number;
  withoutRetryAfter: number; // 429/503 lacking the header
  timeouts: number; // no answer within the client's timeout
  errors: number; // connection errors
  rejectLatenciesMs: number[];
}

const emptyCounts = (): PushCounts => ({
  sent: 0,
  stored: 0,
  accepted: 0,
  overloaded: 0,
  unavailable: 0,
  otherStatus: 0,
  withoutRetryAfter: 0,
  timeouts: 0,
  errors: 0,
  rejectLatenciesMs: [],
});

let pushSerial = 0;
function pushBody(items: number): string {
  const batch = Array.from({ length: items }, () => {
    pushSerial += 1;
    const n = pushSerial;
    return {
      external_id: `push-${n}`,
      title: `Pushed story ${n} under load`,
      content: `Pushed item ${n}: words about gateways, admission limits, retry hints, queues and storage when clients send more than the pipeline keeps up with.`,
    };
  });
  return JSON.stringify({ source_id: 'overload-push', items: batch });
}

/** One push; counts its answer. The client gives up after `timeoutMs` (a timeout is what must not happen). */
async function pushOnce(url: string, items: number, counts: PushCounts, timeoutMs: number): Promise<void> {
  counts.sent += 1;
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: pushBody(items),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    const status = response.status;
    if (status === 200) counts.stored += 1;
    else if (status === 202) counts.accepted += 1;
    else if (status === 429 || status === 503) {
      if (status === 429) counts.overloaded += 1;
      else counts.unavailable += 1;
      if (!response.headers.get('retry-after')) counts.withoutRetryAfter += 1;
      counts.rejectLatenciesMs.push(performance.now() - started);
    } else counts.otherStatus += 1;
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') counts.timeouts += 1;
    else counts.errors += 1;
  }
}

async function storedItems(persistenceMetricsUrl: string): Promise<number> {
  return counterValue(await (await fetch(persistenceMetricsUrl)).text(), 'sluice_persistence_items_total');
}

interface PhaseResult {
  itemsPerSecond: number;
  pushes: PushCounts;
  pollRatio: number;
  rss: Record<string, number>;
}

/** One level's phases: the median stored rate and poll ratio, summed push answers, the largest RSS. */
function combine(results: PhaseResult[]): PhaseResult {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const pushes = emptyCounts();
  for (const r of results) {
    for (const key of Object.keys(pushes) as Array<keyof PushCounts>) {
      if (key === 'rejectLatenciesMs') pushes.rejectLatenciesMs.push(...r.pushes.rejectLatenciesMs);
      else pushes[key] += r.pushes[key];
    }
  }
  const rss: Record<string, number> = {};
  for (const r of results) for (const [name, mb] of Object.entries(r.rss)) rss[name] = Math.max(rss[name] ?? 0, mb);
  return {
    itemsPerSecond: median(results.map((r) => r.itemsPerSecond)),
    pollRatio: median(results.map((r) => r.pollRatio)),
    pushes,
    rss,
  };
}

async function offeredLoad(smoke: boolean): Promise<Metrics> {
  const sourceCount = 20;
  const pushItems = 100;
  const intervalSeconds = 1;
  const hosts = await startSourceHosts(
    Array.from({ length: sourceCount }, () => 'fine' as const),
    0,
  );
  const db = await createTestDatabase('sluice_bench_overload');
  const sources = hosts.urls.map((url, i) => ({
    id: `overload-feed-${i}`,
    kind: 'feed',
    url,
    interval_seconds: intervalSeconds,
    rate_limit_per_minute: 600,
    allow_private_network: true,
  }));
  const phaseSeconds = smoke ? 5 : 12;
  const settleSeconds = smoke ? 2 : 4;
  // Phases repeat in rounds (sustained, 2x, 5x, sustained, ...) and each level's median counts, so a neighbour's
  // burst on a shared machine hits every level alike instead of one.
  const rounds = smoke ? 1 : 3;
  try {
    const stack = await startStack({
      env: {
        DATABASE_URL: db.url,
        SLUICE_API_KEY: API_KEY,
        SLUICE__GATEWAY__RATE_LIMIT_PER_MINUTE: '0', // the per-key rate limit is not under test: the admission limit is
        // The smoke run's phases are short: a smaller window reaches the admission limit within them.
        ...(smoke ? { SLUICE__GATEWAY__PUSH_MAX_IN_FLIGHT_ITEMS: '500' } : {}),
        SLUICE__COLLECTOR__SCHEDULE_ENABLED: 'true',
        SLUICE__COLLECTOR__SCHEDULE_TICK_MILLISECONDS: '100',
        SLUICE__COLLECTOR__HTTP__HOST_RATE_LIMIT_PER_SECOND: '1000',
        SLUICE__COLLECTOR__HTTP__HOST_RATE_LIMIT_BURST: '100',
        SLUICE__COLLECTOR__STATE_STORE: 'memory',
        SLUICE__COLLECTOR__SOURCES: JSON.stringify(sources),
        LOG_LEVEL: 'warn',
        SLUICE__LOG__LEVEL: 'warn',
      },
    });
    const metricsUrls = Object.fromEntries(SERVICES.map((s) => [s, `${stack.opsUrl(s)}/metrics`]));
    const persistenceMetrics = metricsUrls.persistence!;
    const stageUrls = Object.fromEntries(
      ['transformer', 'inference', 'scorer', 'persistence'].map((s) => [s, metricsUrls[s]!]),
    );
    const pushUrl = `${stack.httpUrl('gateway')}/v1/items`;
    const overall = trackServicesPeakRss(metricsUrls, 500);
    try {
      const measure = async (
        seconds: number,
        load: (until: number, counts: PushCounts) => Promise<void>,
        pollsPerSecondScheduled: number,
      ): Promise<PhaseResult> => {
        const counts = emptyCounts();
        const rss = trackServicesPeakRss(metricsUrls, 500);
        const until = Date.now() + (seconds + settleSeconds) * 1000;
        const running = load(until, counts);
        await sleep(settleSeconds * 1000);
        const storedBefore = await storedItems(persistenceMetrics);
        const requestsBefore = await hosts.requests();
        const stagesBefore = await stageCounters(stageUrls);
        const started = performance.now();
        await sleep(seconds * 1000);
        const elapsed = (performance.now() - started) / 1000;
        const stored = (await storedItems(persistenceMetrics)) - storedBefore;
        const polls = (await hosts.requests()) - requestsBefore;
        const stagesAfter = await stageCounters(stageUrls);
        // Which stage is the bottleneck: the share of the phase each stage was busy, and its rate while busy.
        const busy = Object.keys(stageUrls).map((stage) => {
          const busySeconds = stagesAfter[stage]!.busySeconds - stagesBefore[stage]!.busySeconds;
          const items = stagesAfter[stage]!.items - stagesBefore[stage]!.items;
          return `${stage} ${((busySeconds / elapsed) * 100).toFixed(0)} % busy, ${busySeconds > 0 ? (items / busySeconds).toFixed(0) : 0} items/s while busy`;
        });
        console.log(`    stages: ${busy.join('; ')}`);
        await running;
        return {
          itemsPerSecond: stored / elapsed,
          pushes: counts,
          pollRatio: pollsPerSecondScheduled > 0 ? polls / elapsed / pollsPerSecondScheduled : 0,
          rss: await rss.stop(),
        };
      };
      // Sustainable rate: everything the pipeline takes when both inputs always have more. 64 polite clients
      // push, wait for the answer (after the commit, or 202) and push again (after Retry-After when refused),
      // while every source poll brings 200 new items.
      const closedLoop = (clients: number) => async (until: number, counts: PushCounts) => {
        await Promise.all(
          Array.from({ length: clients }, async () => {
            while (Date.now() < until) {
              const rejected = counts.overloaded + counts.unavailable;
              await pushOnce(pushUrl, pushItems, counts, 60_000);
              if (counts.overloaded + counts.unavailable > rejected) await sleep(1_000);
            }
          }),
        );
      };
      const saturated = async (): Promise<PhaseResult> => {
        hosts.setPerPoll(200);
        return measure(phaseSeconds, closedLoop(64), sourceCount / intervalSeconds);
      };
      // Warm-up (JIT, model sessions, the database's first pages), then the sustainable rate that sizes the offers.
      await saturated();
      const first = await saturated();
      const rate = first.itemsPerSecond;
      console.log(`  sustainable: ${rate.toFixed(0)} items/s stored`);

      // Offered load: half pushes (open loop), half sources (items per poll × polls per second on schedule).
      const openLoop = (itemsPerSecond: number) => async (until: number, counts: PushCounts) => {
        const requestsPerSecond = itemsPerSecond / pushItems;
        const inFlight = new Set<Promise<void>>();
        const started = Date.now();
        let sent = 0;
        while (Date.now() < until) {
          const due = Math.floor(((Date.now() - started) / 1000) * requestsPerSecond);
          for (; sent < due; sent++) {
            const request: Promise<void> = pushOnce(pushUrl, pushItems, counts, 30_000).finally(() =>
              inFlight.delete(request),
            );
            inFlight.add(request);
          }
          await sleep(5);
        }
        await Promise.all(inFlight);
      };
      const offered = async (factor: number): Promise<PhaseResult> => {
        const target = rate * factor;
        hosts.setPerPoll(Math.max(1, Math.round(target / 2 / (sourceCount / intervalSeconds))));
        const result = await measure(phaseSeconds, openLoop(target / 2), sourceCount / intervalSeconds);
        console.log(
          `  ${factor}x (${target.toFixed(0)} items/s offered): ${result.itemsPerSecond.toFixed(0)} items/s stored, pushes ${JSON.stringify({ ...result.pushes, rejectLatenciesMs: undefined })}, polls ${(result.pollRatio * 100).toFixed(0)} % of schedule`,
        );
        return result;
      };
      const phases: Record<'sustained' | '2x' | '5x', PhaseResult[]> = { sustained: [first], '2x': [], '5x': [] };
      for (let round = 0; round < rounds; round++) {
        if (round > 0) {
          const again = await saturated();
          console.log(`  sustainable again: ${again.itemsPerSecond.toFixed(0)} items/s stored`);
          phases.sustained.push(again);
        }
        phases['2x'].push(await offered(2));
        phases['5x'].push(await offered(5));
      }
      hosts.setPerPoll(0);
      const peaks = await overall.stop();
      const sustain = combine(phases.sustained);
      const twice = combine(phases['2x']);
      const five = combine(phases['5x']);

      const peak = Math.max(sustain.itemsPerSecond, twice.itemsPerSecond, five.itemsPerSecond);
      const maxRss = (phase: PhaseResult) => Math.max(...Object.values(phase.rss));
      const rejectP99 = (phase: PhaseResult) => {
        const sorted = [...phase.pushes.rejectLatenciesMs].sort((a, b) => a - b);
        return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! : 0;
      };
      const pushMetrics = (label: string, phase: PhaseResult): Metrics => ({
        [`stored_items_per_second_${label}`]: phase.itemsPerSecond,
        [`pushes_${label}`]: phase.pushes.sent,
        [`pushes_answered_2xx_${label}`]: phase.pushes.stored + phase.pushes.accepted,
        [`pushes_answered_429_${label}`]: phase.pushes.overloaded,
        [`pushes_answered_503_${label}`]: phase.pushes.unavailable,
        [`pushes_other_status_${label}`]: phase.pushes.otherStatus,
        [`pushes_rejected_without_retry_after_${label}`]: phase.pushes.withoutRetryAfter,
        [`pushes_timed_out_${label}`]: phase.pushes.timeouts,
        [`pushes_connection_errors_${label}`]: phase.pushes.errors,
        [`push_reject_p99_milliseconds_${label}`]: rejectP99(phase),
        [`source_polls_vs_schedule_${label}`]: phase.pollRatio,
        [`peak_rss_megabytes_${label}`]: maxRss(phase),
      });
      return {
        sustainable_items_per_second: rate,
        rounds,
        throughput_ratio_at_2x: twice.itemsPerSecond / peak,
        throughput_ratio_at_5x: five.itemsPerSecond / peak,
        peak_rss_megabytes_max: Math.max(...Object.values(peaks)),
        // Memory is bounded when 5x needs no more than the sustainable phase did (largest service).
        rss_growth_5x_vs_sustained: maxRss(five) / maxRss(sustain) - 1,
        ...Object.fromEntries(Object.entries(peaks).map(([name, mb]) => [`peak_rss_megabytes_${name}`, mb])),
        ...pushMetrics('sustained', sustain),
        ...pushMetrics('2x', twice),
        ...pushMetrics('5x', five),
      };
    } finally {
      await overall.stop();
      await stack.stop();
    }
  } finally {
    await hosts.close();
    await db.drop();
  }
}

async function hostMix(smoke: boolean): Promise<Metrics> {
  const hostCount = 100; // 34 fine, 33 slow, 33 failing
  const perPoll = 10;
  const warmupSeconds = smoke ? 8 : 30;
  const windowSeconds = smoke ? 12 : 60;
  const mixedHosts: Behaviour[] = Array.from(
    { length: hostCount },
    (_, i) => (['fine', 'slow', 'fail'] as const)[i % 3]!,
  );
  const baseline = await startSourceHosts(
    Array.from({ length: hostCount }, () => 'fine' as const),
    perPoll,
  );
  const mixed = await startSourceHosts(mixedHosts, perPoll);
  const counted = { baseline: new Map<string, number>(), mixed: new Map<string, number>() };
  let counting = false;
  const countInto =
    (map: Map<string, number>) =>
    (_items: number, _dead: number, batch: { items: Array<{ raw?: { source_id?: string } | null }> }) => {
      if (!counting) return;
      for (const item of batch.items) {
        const id = item.raw?.source_id ?? '';
        map.set(id, (map.get(id) ?? 0) + 1);
      }
    };
  const sinks = {
    baseline: await startAckingSink(countInto(counted.baseline)),
    mixed: await startAckingSink(countInto(counted.mixed)),
  };
  const sourcesFor = (urls: string[]) =>
    urls.map((url, i) => ({
      id: `host-${i}`,
      kind: 'feed',
      url,
      interval_seconds: 2,
      rate_limit_per_minute: 60,
      allow_private_network: true,
    }));
  // The collector's defaults (16 concurrent sources, 30 s request timeout, 3 retries, breakers), on a schedule.
  const collectorEnv = (urls: string[]) => ({
    SLUICE__COLLECTOR__SCHEDULE_ENABLED: 'true',
    SLUICE__COLLECTOR__SCHEDULE_TICK_MILLISECONDS: '100',
    SLUICE__COLLECTOR__SOURCES: JSON.stringify(sourcesFor(urls)),
  });
  const collectors = await Promise.all([
    startBenchCollector(sinks.baseline.address, collectorEnv(baseline.urls)),
    startBenchCollector(sinks.mixed.address, collectorEnv(mixed.urls)),
  ]);
  try {
    await sleep(warmupSeconds * 1000);
    counting = true;
    const started = performance.now();
    await sleep(windowSeconds * 1000);
    counting = false;
    const seconds = (performance.now() - started) / 1000;
    const fineIds = mixedHosts.flatMap((b, i) => (b === 'fine' ? [`host-${i}`] : []));
    const sum = (map: Map<string, number>, ids: string[]) => ids.reduce((total, id) => total + (map.get(id) ?? 0), 0);
    const baselineFine = sum(counted.baseline, fineIds) / seconds;
    const mixedFine = sum(counted.mixed, fineIds) / seconds;
    const mixedSlow =
      sum(
        counted.mixed,
        mixedHosts.flatMap((b, i) => (b === 'slow' ? [`host-${i}`] : [])),
      ) / seconds;
    const scheduled = (fineIds.length * perPoll) / 2;
    return {
      healthy_hosts_throughput_ratio: baselineFine > 0 ? mixedFine / baselineFine : 0,
      healthy_hosts_items_per_second_all_fine: baselineFine,
      healthy_hosts_items_per_second_mixed: mixedFine,
      healthy_hosts_items_per_second_scheduled: scheduled,
      slow_hosts_items_per_second_mixed: mixedSlow,
      host_mix_window_seconds: seconds,
    };
  } finally {
    await Promise.all(collectors.map((c) => c.process.stop()));
    await Promise.all([sinks.baseline.close(), sinks.mixed.close()]);
    await Promise.all([baseline.close(), mixed.close()]);
  }
}

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  const load = await offeredLoad(smoke);
  const mix = await hostMix(smoke);
  return {
    throughput_ratio_at_5x: load.throughput_ratio_at_5x!,
    peak_rss_megabytes_max: load.peak_rss_megabytes_max!,
    healthy_hosts_throughput_ratio: mix.healthy_hosts_throughput_ratio!,
    ...load,
    ...mix,
  };
}
