// pnpm bench e2e: 10,000 feed items end to end through all six services into PostgreSQL.
// Feeds are served from 127.0.0.1 (100 feeds × 100 items); every service is a separate process.
// cpu_seconds_<service> is each process's CPU time during the run (prom-client's process_cpu_seconds_total).
// pipeline_efficiency = items_per_second ÷ (1 ÷ Σ 1/stage rate), each stage measured alone on the same items
// right after the run (bench/e2e-stages.ts): 1 means the pipeline is as fast as its stages taking turns on the
// machine's cores; below it, time goes to hops, waits and idle stages.
import {
  SERVICE_NAMES,
  createTestDatabase,
  runSources,
  startStack,
  type ServiceName,
  type StackOptions,
} from '@sluice/stack';
import { startFeedServer } from '../test/support/feed-server.js';
import { MEASURED_STAGES, measureStagesAlone, sequentialRate } from './e2e-stages.js';
import { kernelPeakRssMegabytes, processCpuSeconds, trackServicesPeakRss, type Metrics } from './lib.js';

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  return runEndToEnd(smoke ? 2 : 100, smoke ? 50 : 100, { stagesAlone: true });
}

/** CPU seconds every service has used so far, from its /metrics. */
async function servicesCpuSeconds(opsUrl: (name: ServiceName) => string): Promise<Record<ServiceName, number>> {
  const entries = await Promise.all(
    SERVICE_NAMES.map(async (name) => [name, await processCpuSeconds(opsUrl(name))] as const),
  );
  return Object.fromEntries(entries) as Record<ServiceName, number>;
}

export interface EndToEndOptions extends Pick<StackOptions, 'serviceEnv'> {
  /**
   * Report each service's peak RSS (default true): from the kernel's high-water mark on Linux, else sampled every
   * 500 ms, each sample a /metrics scrape of six services (CPU the services spend for the benchmark: the gate's
   * CPU-per-item check turns it off).
   */
  trackRss?: boolean;
  /** Also measure each stage alone on the same feeds, for pipeline_efficiency (bench/e2e-stages.ts). */
  stagesAlone?: boolean;
}

/**
 * `feeds` × `perFeed` items through a fresh stack. cpu_seconds_net subtracts what the services use while idle
 * (measured for 2 s before the run, times the run's duration), so a slower run on a busy machine is not charged
 * for its longer idle background (timers, health checks).
 */
export async function runEndToEnd(feeds: number, perFeed: number, options: EndToEndOptions = {}): Promise<Metrics> {
  const total = feeds * perFeed;
  const server = await startFeedServer(perFeed);
  const db = await createTestDatabase('sluice_bench_e2e');
  const sources = Array.from({ length: feeds }, (_, f) => ({
    id: `bench-feed-${f}`,
    kind: 'feed',
    url: `${server.url}/feeds/${f}.xml`,
    allow_private_network: true,
    rate_limit_per_minute: 600,
    interval_seconds: 3600,
  }));
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  try {
    stack = await startStack({
      serviceEnv: options.serviceEnv,
      env: {
        DATABASE_URL: db.url,
        SLUICE_API_KEY: 'bench-key',
        SLUICE__COLLECTOR__SOURCES: JSON.stringify(sources),
        LOG_LEVEL: 'warn',
        SLUICE__LOG__LEVEL: 'warn',
      },
    });
    const opsUrl = stack.opsUrl;
    // Peak RSS from the kernel where it keeps one (Linux): sampling scrapes every service's /metrics twice a
    // second, CPU the services would spend for the benchmark during the run.
    const pids = Object.fromEntries(SERVICE_NAMES.map((s) => [s, stack!.processes.get(s)?.child.pid]));
    const fromKernel = options.trackRss !== false && kernelPeakRssMegabytes(pids) !== undefined;
    const rss =
      options.trackRss === false || fromKernel
        ? undefined
        : trackServicesPeakRss(Object.fromEntries(SERVICE_NAMES.map((s) => [s, `${opsUrl(s)}/metrics`])));
    const idleStart = await servicesCpuSeconds(opsUrl);
    const idleStarted = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const cpuBefore = await servicesCpuSeconds(opsUrl);
    const idleSeconds = (performance.now() - idleStarted) / 1000;
    const started = performance.now();
    const final = await runSources({ collectorAddress: stack.addresses.collector!.grpcAddress });
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = await servicesCpuSeconds(opsUrl);
    const peaks = (fromKernel ? kernelPeakRssMegabytes(pids) : await rss?.stop()) ?? {};
    if (final.acknowledged < total) throw new Error(`only ${final.acknowledged} of ${total} items were acknowledged`);
    const cpu = Object.fromEntries(
      SERVICE_NAMES.map((name) => [`cpu_seconds_${name}`, cpuAfter[name] - cpuBefore[name]]),
    );
    const cpuSeconds = Object.values(cpu).reduce((a, b) => a + b, 0);
    const idleCpuPerSecond =
      SERVICE_NAMES.reduce((sum, name) => sum + (cpuBefore[name] - idleStart[name]), 0) / idleSeconds;
    await stack.stop();
    stack = undefined;
    const alone = options.stagesAlone ? await stagesAloneMetrics(sources, total / seconds) : {};
    return {
      items: total,
      seconds,
      items_per_second: total / seconds,
      ...alone,
      cpu_seconds: cpuSeconds,
      cpu_seconds_idle_per_second: idleCpuPerSecond,
      cpu_seconds_net: Math.max(0, cpuSeconds - idleCpuPerSecond * seconds),
      ...cpu,
      ...(Object.keys(peaks).length > 0 ? { peak_rss_megabytes: Math.max(...Object.values(peaks)) } : {}),
      ...Object.fromEntries(Object.entries(peaks).map(([name, mb]) => [`rss_megabytes_${name}`, mb])),
      dead_lettered: final.dead_lettered,
    };
  } finally {
    await stack?.stop();
    await server.close();
    await db.drop();
  }
}

async function stagesAloneMetrics(sources: Parameters<typeof measureStagesAlone>[0], endToEnd: number) {
  const { rates, cpuMsPerItem } = await measureStagesAlone(sources);
  const sequential = sequentialRate(rates);
  return {
    pipeline_efficiency: endToEnd / sequential,
    stages_sequential_items_per_second: sequential,
    ...Object.fromEntries(MEASURED_STAGES.map((stage) => [`alone_items_per_second_${stage}`, rates[stage]])),
    ...Object.fromEntries(MEASURED_STAGES.map((stage) => [`alone_cpu_ms_per_item_${stage}`, cpuMsPerItem[stage]])),
  };
}
