// pnpm bench scale: does the pipeline stay as fast at 100,000 items as at 10,000?
// Part 1: 10,000, 50,000 and 100,000 feed items end to end through all six processes into PostgreSQL, a fresh
// database and a fresh stack per size (size/100 local feeds of 100 items each). Per size: items/s, each stage's
// own rate (items out ÷ its busy seconds) and each service's peak RSS.
// Part 2: a 1,000,000-line JSONL file through one collector into a stand-in that acknowledges at once, with the
// collector's RSS sampled during the run: constant memory means the peak is close to the RSS at 10 %.
// The smoke run uses 500 and 2,000 items and 20,000 lines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfigPath, readRawConfig } from '@sluice/service-kit';
import { PIPELINE, STREAM_STAGES } from '@sluice/protocol';
import { createTestDatabase, runSources, startStack, type ServiceName } from '@sluice/stack';
import { startFeedServer } from '../test/support/feed-server.js';
import { generate } from './import.js';
import {
  serviceMemoryBreakdown,
  stageCounters,
  startAckingSink,
  startBenchCollector,
  trackServicesPeakRss,
  type Metrics,
} from './lib.js';

// The declared pipeline's services and the gateway.
const SERVICES: ServiceName[] = [...PIPELINE, 'gateway'];
const STAGES: ServiceName[] = [...STREAM_STAGES];

interface SizeResult {
  items: number;
  seconds: number;
  itemsPerSecond: number;
  steadyItemsPerSecond: number;
  stageRates: Record<string, number>;
  rss: Record<string, number>;
  /** At the end of the run, per service: V8 heap in use and external memory (MiB, main thread). */
  memory: Record<string, { heap_used: number; external: number }>;
}

async function endToEnd(total: number, configDir: string): Promise<SizeResult> {
  // Every size polls feeds of 100 items (more feeds, not larger ones), so only the number of items grows.
  const perFeed = 100;
  const feeds = Math.ceil(total / perFeed);
  const server = await startFeedServer(perFeed);
  const db = await createTestDatabase('sluice_bench_scale');
  const sources = Array.from({ length: feeds }, (_, f) => ({
    id: `scale-feed-${f}`,
    kind: 'feed',
    url: `${server.url}/feeds/${f}.xml`,
    allow_private_network: true,
    rate_limit_per_minute: 600,
    interval_seconds: 3600,
  }));
  // Up to 1,000 sources are too long for one environment variable: the collector reads them from a config file
  // (the default file with its sources replaced; JSON is YAML).
  const configFile = path.join(configDir, `scale-${total}.yaml`);
  const { raw: config } = readRawConfig({ file: defaultConfigPath, env: {} });
  config.collector = { ...(config.collector as object), sources };
  writeFileSync(configFile, JSON.stringify(config));
  try {
    const stack = await startStack({
      serviceEnv: { collector: { SLUICE_CONFIG: configFile } },
      env: {
        DATABASE_URL: db.url,
        SLUICE_API_KEY: 'bench-key',
        // All feeds are on one host: its politeness limit (default 10 requests/s) would cap the small sizes.
        SLUICE__COLLECTOR__HTTP__HOST_RATE_LIMIT_PER_SECOND: '1000',
        SLUICE__COLLECTOR__HTTP__HOST_RATE_LIMIT_BURST: '100',
        LOG_LEVEL: 'warn',
        SLUICE__LOG__LEVEL: 'warn',
      },
    });
    const metricsUrls = Object.fromEntries(SERVICES.map((s) => [s, `${stack.opsUrl(s)}/metrics`]));
    const rss = trackServicesPeakRss(metricsUrls, 500);
    try {
      const before = await stageCounters(Object.fromEntries(STAGES.map((s) => [s, metricsUrls[s]!])));
      const started = performance.now();
      let tenPercentAt: number | undefined;
      const final = await runSources({
        collectorAddress: stack.addresses.collector!.grpcAddress,
        timeoutMs: 30 * 60_000,
        onProgress: (progress) => {
          if (tenPercentAt === undefined && Number(progress.acknowledged) >= total / 10)
            tenPercentAt = performance.now();
        },
      });
      const ended = performance.now();
      const seconds = (ended - started) / 1000;
      const after = await stageCounters(Object.fromEntries(STAGES.map((s) => [s, metricsUrls[s]!])));
      const peaks = await rss.stop();
      const memory: SizeResult['memory'] = {};
      for (const service of SERVICES) {
        const breakdown = await serviceMemoryBreakdown(metricsUrls[service]!);
        if (breakdown) memory[service] = { heap_used: breakdown.heap_used, external: breakdown.external };
      }
      const items = feeds * perFeed;
      if (final.acknowledged < items) throw new Error(`only ${final.acknowledged} of ${items} items were acknowledged`);
      const stageRates: Record<string, number> = {};
      for (const stage of STAGES) {
        const busy = after[stage]!.busySeconds - before[stage]!.busySeconds;
        stageRates[stage] = busy > 0 ? (after[stage]!.items - before[stage]!.items) / busy : 0;
      }
      stageRates.collector = items / seconds;
      // Without the first 10 % (start-up, filling the pipeline), which weighs more in a small run.
      const steadyItemsPerSecond =
        tenPercentAt !== undefined && ended > tenPercentAt
          ? (0.9 * items) / ((ended - tenPercentAt) / 1000)
          : items / seconds;
      return { items, seconds, itemsPerSecond: items / seconds, steadyItemsPerSecond, stageRates, rss: peaks, memory };
    } finally {
      await rss.stop();
      await stack.stop();
    }
  } finally {
    await server.close();
    await db.drop();
  }
}

async function jsonlImport(lines: number): Promise<Metrics> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-scale-'));
  const file = path.join(dir, 'million.jsonl');
  try {
    const generated = await generate(file, Infinity, 10_000, lines);
    const sink = await startAckingSink();
    const {
      process: collector,
      grpcAddress,
      metricsUrl,
    } = await startBenchCollector(sink.address, {
      SLUICE__COLLECTOR__SOURCES: JSON.stringify([{ id: 'million', kind: 'jsonl', path: file, batch_size: 500 }]),
    });
    try {
      const rss = trackServicesPeakRss({ collector: metricsUrl }, 200);
      let atTenPercent: number | undefined;
      const started = performance.now();
      const final = await runSources({
        collectorAddress: grpcAddress,
        timeoutMs: 30 * 60_000,
        onProgress: (progress) => {
          if (atTenPercent === undefined && Number(progress.collected) >= generated.lines / 10)
            atTenPercent = rss.current().collector;
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const peak = (await rss.stop()).collector ?? 0;
      if (Number(final.collected) !== generated.lines - generated.invalid)
        throw new Error(`expected ${generated.lines - generated.invalid} items, the collector sent ${final.collected}`);
      const tenPercent = atTenPercent ?? peak;
      return {
        jsonl_lines: generated.lines,
        jsonl_items_per_second: Number(final.collected) / seconds,
        jsonl_rss_megabytes_at_10_percent: tenPercent,
        jsonl_peak_rss_megabytes: peak,
        jsonl_rss_growth_peak_vs_10_percent: tenPercent > 0 ? peak / tenPercent - 1 : 0,
      };
    } finally {
      await collector.stop();
      await sink.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  const sizes = smoke ? [500, 2_000] : [10_000, 50_000, 100_000];
  const labels = smoke ? ['500', '2k'] : ['10k', '50k', '100k'];
  const metrics: Metrics = {};
  const results: SizeResult[] = [];
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-scale-config-'));
  for (const [index, size] of sizes.entries()) {
    const result = await endToEnd(size, configDir);
    results.push(result);
    const label = labels[index]!;
    console.log(
      `  ${label}: ${result.items} items in ${result.seconds.toFixed(1)} s (${result.itemsPerSecond.toFixed(0)} items/s)`,
    );
    metrics[`items_per_second_${label}`] = result.itemsPerSecond;
    metrics[`steady_items_per_second_${label}`] = result.steadyItemsPerSecond;
    for (const [stage, rate] of Object.entries(result.stageRates))
      metrics[`stage_items_per_second_${stage}_${label}`] = rate;
    for (const [service, mb] of Object.entries(result.rss)) metrics[`peak_rss_megabytes_${service}_${label}`] = mb;
    for (const [service, { heap_used, external }] of Object.entries(result.memory)) {
      metrics[`heap_used_megabytes_${service}_${label}`] = heap_used;
      metrics[`external_megabytes_${service}_${label}`] = external;
      console.log(
        `    ${service}: peak RSS ${(result.rss[service] ?? 0).toFixed(0)} MB, at the end heap ${heap_used.toFixed(0)} MB, external ${external.toFixed(0)} MB`,
      );
    }
  }
  rmSync(configDir, { recursive: true, force: true });
  const small = results[0]!;
  const large = results[results.length - 1]!;
  // The largest service at the largest size, compared with its own peak at the smallest.
  const [largest] = Object.entries(large.rss).sort((a, b) => b[1] - a[1])[0]!;
  const summary: Metrics = {
    slowdown_100k_vs_10k: 1 - large.itemsPerSecond / small.itemsPerSecond,
    steady_slowdown_100k_vs_10k: 1 - large.steadyItemsPerSecond / small.steadyItemsPerSecond,
    rss_growth_100k_vs_10k: large.rss[largest]! / small.rss[largest]! - 1,
    largest_service_rss_megabytes: large.rss[largest]!,
  };
  console.log(`  largest service: ${largest}`);
  const jsonl = await jsonlImport(smoke ? 20_000 : 1_000_000);
  return { ...summary, ...metrics, ...jsonl };
}
