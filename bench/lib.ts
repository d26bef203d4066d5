// Shared helpers for benchmarks: result files, tables, memory and process measurements.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const resultsDir = path.join(benchDir, 'results');

export type Metrics = Record<string, number>;

export interface BenchResult {
  name: string;
  date: string;
  machine: string;
  smoke: boolean;
  metrics: Metrics;
}

/** A short description of this machine for result files. */
export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${os.cpus().length}-core ${os.platform()} ${os.arch()} (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, no GPU`;
}

export function writeResult(name: string, metrics: Metrics, smoke: boolean): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, smoke ? `${name}.smoke.json` : `${name}.json`);
  const result: BenchResult = { name, date: new Date().toISOString(), machine: machineDescription(), smoke, metrics };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export function readResult(name: string): BenchResult | undefined {
  try {
    return JSON.parse(readFileSync(path.join(resultsDir, `${name}.json`), 'utf8')) as BenchResult;
  } catch {
    return undefined;
  }
}

export function printTable(title: string, metrics: Metrics): void {
  const rows = Object.entries(metrics).map(([key, value]) => [key, formatNumber(value)] as const);
  const width = Math.max(6, ...rows.map(([key]) => key.length));
  console.log(`\n${title}`);
  console.log(`${'metric'.padEnd(width)}  value`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(12)}`);
  for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${value}`);
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(4);
}

/** Samples this process's RSS until stopped; returns the peak in MiB. */
export function trackPeakRss(intervalMs = 100): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak / 2 ** 20;
    },
  };
}

/**
 * Peak RSS (MiB) of each process from the kernel's high-water mark (VmHWM in /proc/<pid>/status): exact, and
 * free for the processes, where trackServicesPeakRss costs each of them a /metrics scrape per sample. Read it
 * before the processes exit. Undefined where /proc is absent (not Linux) or a process is gone.
 */
export function kernelPeakRssMegabytes(pids: Record<string, number | undefined>): Record<string, number> | undefined {
  const peaks: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    if (pid === undefined) return undefined;
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      return undefined;
    }
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    if (!match) return undefined;
    peaks[name] = Number(match[1]) / 1024;
  }
  return peaks;
}

/**
 * Peak RSS (MiB) of other processes, sampled from their Prometheus `sluice_process_resident_memory_bytes`
 * (prom-client default metrics) — works on every OS, unlike /proc. `current()` is the latest sample of each.
 */
export function trackServicesPeakRss(
  metricsUrls: Record<string, string>,
  intervalMs = 500,
): { current(): Record<string, number>; stop(): Promise<Record<string, number>> } {
  const peaks: Record<string, number> = Object.fromEntries(Object.keys(metricsUrls).map((name) => [name, 0]));
  const latest: Record<string, number> = { ...peaks };
  const sample = async () => {
    await Promise.all(
      Object.entries(metricsUrls).map(async ([name, url]) => {
        const mb = await serviceRssMegabytes(url);
        if (mb === undefined) return; // the service may be starting or stopping
        latest[name] = mb;
        peaks[name] = Math.max(peaks[name] ?? 0, mb);
      }),
    );
  };
  const timer = setInterval(() => void sample(), intervalMs);
  timer.unref();
  return {
    current: () => ({ ...latest }),
    async stop() {
      clearInterval(timer);
      await sample();
      return peaks;
    },
  };
}

/** A service's RSS (MiB) from its /metrics, or undefined when it does not answer. */
export async function serviceRssMegabytes(metricsUrl: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(metricsUrl)).text();
    const match = /^sluice_process_resident_memory_bytes(?:\{[^}]*\})? (\d+(?:\.\d+)?(?:e\+\d+)?)/m.exec(text);
    return match ? Number(match[1]) / 2 ** 20 : undefined;
  } catch {
    return undefined;
  }
}

/** Where a service's memory is (MiB, main thread): V8 heap in use, external (ArrayBuffers, buffers) and RSS,
 *  so RSS growth can be told apart from JS heap growth (the rest is native: worker threads, ONNX Runtime, malloc). */
export async function serviceMemoryBreakdown(
  metricsUrl: string,
): Promise<{ rss: number; heap_used: number; external: number } | undefined> {
  try {
    const text = await (await fetch(metricsUrl)).text();
    const gauge = (name: string) => {
      const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
      return match ? Number(match[1]) / 2 ** 20 : 0;
    };
    return {
      rss: gauge('sluice_process_resident_memory_bytes'),
      heap_used: gauge('sluice_nodejs_heap_size_used_bytes'),
      external: gauge('sluice_nodejs_external_memory_bytes'),
    };
  } catch {
    return undefined;
  }
}

/** Sum of a counter's samples in Prometheus text whose labels contain every `labels` pair (e.g. direction="out"). */
export function counterValue(metricsText: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  const pattern = new RegExp(`^${name}(?:\\{([^}]*)\\})? ([0-9.e+-]+)$`, 'gm');
  for (const match of metricsText.matchAll(pattern)) {
    const labelText = match[1] ?? '';
    if (Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`)))
      total += Number(match[2]);
  }
  return total;
}

/**
 * Per pipeline stage (transformer, inference, scorer, persistence): items out and the stage's busy seconds
 * (sluice_stage_items_total / sluice_stage_busy_seconds_total). Their ratio is the stage's own rate while it
 * had work: the figure that shows which stage slows down as a run grows.
 */
export async function stageCounters(
  metricsUrls: Record<string, string>,
): Promise<Record<string, { items: number; busySeconds: number }>> {
  const result: Record<string, { items: number; busySeconds: number }> = {};
  await Promise.all(
    Object.entries(metricsUrls).map(async ([name, url]) => {
      const text = await (await fetch(url)).text();
      result[name] = {
        items: counterValue(text, 'sluice_stage_items_total', { direction: 'out' }),
        busySeconds: counterValue(text, 'sluice_stage_busy_seconds_total'),
      };
    }),
  );
  return result;
}

/** Percentile (0..100) of a list of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * A PipelineStage stand-in on 127.0.0.1 that acknowledges every batch at once (no storage), for benchmarks of
 * one upstream stage. `items` counts items received; `onBatch` sees each batch (its counts, and the batch).
 */
export async function startAckingSink(
  onBatch?: (items: number, deadLetters: number, batch: import('@sluice/protocol').ItemBatch__Output) => void,
): Promise<{
  address: string;
  counts: { items: number; deadLetters: number; batches: number };
  close(): Promise<void>;
}> {
  const { createSinkStage, sluiceProto, startGrpcServer } = await import('@sluice/protocol');
  const { createLogger, createMetricsRegistry } = await import('@sluice/service-kit');
  const counts = { items: 0, deadLetters: 0, batches: 0 };
  const stage = createSinkStage({
    stage: 'bench-sink',
    logger: createLogger('bench-sink', 'silent'),
    registry: createMetricsRegistry('bench-sink'),
    maxInFlightBatchesPerStream: 64,
    write: async (batch) => {
      counts.items += batch.items.length;
      counts.deadLetters += batch.dead_letters.length;
      counts.batches += 1;
      onBatch?.(batch.items.length, batch.dead_letters.length, batch);
      return {
        batch_id: batch.batch_id,
        item_ids: [...batch.items.map((i) => i.raw?.id ?? ''), ...batch.dead_letters.map((d) => d.item_id)],
        inserted: batch.items.length,
        dead_lettered: batch.dead_letters.length,
      };
    },
  });
  const server = await startGrpcServer('127.0.0.1:0', [
    {
      name: 'sluice.v1.PipelineStage',
      definition: sluiceProto().PipelineStage.service,
      implementation: stage.implementation,
    },
  ]);
  server.setServing(true);
  return { address: `127.0.0.1:${server.port}`, counts, close: () => server.shutdown(1_000) };
}

/**
 * A collector process in front of a downstream stand-in (`sinkAddress`), with an in-memory source state store
 * and warn-level logs; `env` adds the benchmark's own SLUICE__COLLECTOR__… settings. Resolves once it serves.
 */
export async function startBenchCollector(
  sinkAddress: string,
  env: NodeJS.ProcessEnv,
): Promise<{ process: import('@sluice/stack').ServiceProcess; grpcAddress: string; metricsUrl: string }> {
  const { freePort, spawnService, waitUntilServing } = await import('@sluice/stack');
  const grpcAddress = `127.0.0.1:${await freePort()}`;
  const httpPort = await freePort();
  const collector = spawnService('collector', {
    env: {
      ...process.env,
      SLUICE__LOG__LEVEL: 'warn',
      SLUICE__SERVICES__COLLECTOR__GRPC_ADDRESS: grpcAddress,
      SLUICE__SERVICES__COLLECTOR__HTTP_PORT: String(httpPort),
      SLUICE__SERVICES__TRANSFORMER__GRPC_ADDRESS: sinkAddress,
      SLUICE__COLLECTOR__STATE_STORE: 'memory',
      ...env,
    },
  });
  try {
    await waitUntilServing(collector, grpcAddress, 60_000);
  } catch (error) {
    await collector.stop();
    throw error;
  }
  return { process: collector, grpcAddress, metricsUrl: `http://127.0.0.1:${httpPort}/metrics` };
}

/** CPU seconds a service has used so far (sluice_process_cpu_seconds_total on its ops port's /metrics). */
export async function processCpuSeconds(opsUrl: string): Promise<number> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  const match = /^sluice_process_cpu_seconds_total(?:\{[^}]*\})? ([0-9.e+-]+)$/m.exec(text);
  if (!match) throw new Error(`${opsUrl} exports no sluice_process_cpu_seconds_total`);
  return Number(match[1]);
}
