// The pipeline at a glance: every service's Prometheus metrics (read from its metrics port, the gateway's own
// from its registry), reduced to what the console's Pipeline page shows: per-stage throughput (rates between
// two readings), the in-flight windows, dead letters, the inference batch-size and padding histograms, GPU
// utilization and memory, and process restarts (a service whose process start time changed since the last
// reading was restarted). Addresses come from the services section of the configuration only.
import type { Registry, ServicesConfig } from '@sluice/service-kit';
import { has, histogramOf, parsePrometheusText, sumOf, type HistogramView, type Sample } from './prometheus-text.js';

export const PIPELINE_SERVICES = ['collector', 'transformer', 'inference', 'scorer', 'persistence', 'gateway'] as const;
export type PipelineService = (typeof PIPELINE_SERVICES)[number];

export interface ServiceStatus {
  name: PipelineService;
  up: boolean;
  error: string | null;
  uptime_seconds: number | null;
  restarts: number;
  rss_bytes: number | null;
}

export interface StageStatus {
  stage: string;
  items_in_total: number;
  items_out_total: number;
  dead_lettered_total: number;
  items_in_per_second: number | null;
  items_out_per_second: number | null;
  dead_lettered_per_second: number | null;
  in_flight_batches: number;
  downstream_unacked_items: number;
}

export interface PipelineSnapshot {
  taken_at: string;
  services: ServiceStatus[];
  stages: StageStatus[];
  inference: {
    batch_size: HistogramView;
    padding_ratio: HistogramView;
    queue_depth: number;
    in_flight_items: number;
    in_flight_limit_items: number;
    gpus: Array<{ gpu: string; utilization_ratio: number; memory_bytes: number; memory_total_bytes: number | null }>;
  };
  collector: { rate_limit_waits_total: number; rate_limit_wait_seconds_total: number; breakers_open: number };
  dead_letters: Array<{ stage: string; reason: string; total: number }>;
}

/** Where a service's metrics are: the host of its gRPC address, its ops port (or its HTTP port). */
export function metricsUrl(services: ServicesConfig, name: PipelineService): string {
  const address = services[name];
  const first =
    address.grpc_address
      .replace(/^dns:\/\/\//, '')
      .replace(/^ipv4:/, '')
      .split(',')[0] ?? '';
  const host = first.slice(0, first.lastIndexOf(':'));
  const port = address.ops_port ?? address.http_port;
  const h = host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}/metrics`;
}

interface Reading {
  at: number;
  samples: Map<PipelineService, Sample[]>;
}

export class PipelineMonitor {
  readonly #services: ServicesConfig | undefined;
  readonly #registry: Registry;
  readonly #timeoutMs: number;
  #last: Reading | undefined;
  readonly #startTimes = new Map<PipelineService, number>();
  readonly #restarts = new Map<PipelineService, number>();
  #pending: Promise<PipelineSnapshot> | undefined;

  constructor(options: { services?: ServicesConfig; registry: Registry; timeoutMs?: number }) {
    this.#services = options.services;
    this.#registry = options.registry;
    this.#timeoutMs = options.timeoutMs ?? 1500;
  }

  /** A new snapshot; callers at the same moment share one reading. */
  snapshot(): Promise<PipelineSnapshot> {
    this.#pending ??= this.#read().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #scrape(name: PipelineService): Promise<Sample[]> {
    if (name === 'gateway') return parsePrometheusText(await this.#registry.metrics());
    if (!this.#services) throw new Error('no address configured');
    const response = await fetch(metricsUrl(this.#services, name), { signal: AbortSignal.timeout(this.#timeoutMs) });
    if (!response.ok) throw new Error(`metrics answered ${response.status}`);
    return parsePrometheusText(await response.text());
  }

  async #read(): Promise<PipelineSnapshot> {
    const at = Date.now();
    const results = await Promise.allSettled(PIPELINE_SERVICES.map((name) => this.#scrape(name)));
    const reading: Reading = { at, samples: new Map() };
    const services: ServiceStatus[] = PIPELINE_SERVICES.map((name, i) => {
      const result = results[i]!;
      if (result.status === 'rejected')
        return {
          name,
          up: false,
          error: errorText(result.reason),
          uptime_seconds: null,
          restarts: this.#restarts.get(name) ?? 0,
          rss_bytes: null,
        };
      const samples = result.value;
      reading.samples.set(name, samples);
      const started = sumOf(samples, 'process_start_time_seconds');
      const known = this.#startTimes.get(name);
      if (started > 0) {
        if (known !== undefined && Math.abs(started - known) >= 1)
          this.#restarts.set(name, (this.#restarts.get(name) ?? 0) + 1);
        this.#startTimes.set(name, started);
      }
      return {
        name,
        up: true,
        error: null,
        uptime_seconds: started > 0 ? Math.max(0, at / 1000 - started) : null,
        restarts: this.#restarts.get(name) ?? 0,
        rss_bytes: has(samples, 'process_resident_memory_bytes')
          ? sumOf(samples, 'process_resident_memory_bytes')
          : null,
      };
    });
    const previous = this.#last;
    this.#last = reading;
    const inference = reading.samples.get('inference') ?? [];
    const collector = reading.samples.get('collector') ?? [];
    const persistence = reading.samples.get('persistence') ?? [];
    return {
      taken_at: new Date(at).toISOString(),
      services,
      stages: stagesOf(reading, previous),
      inference: {
        batch_size: histogramOf(inference, 'sluice_inference_batch_size'),
        padding_ratio: histogramOf(inference, 'sluice_inference_padding_ratio'),
        queue_depth: sumOf(inference, 'sluice_inference_queue_depth'),
        in_flight_items: sumOf(inference, 'sluice_inference_in_flight_items'),
        in_flight_limit_items: sumOf(inference, 'sluice_inference_in_flight_limit_items'),
        gpus: gpusOf(inference),
      },
      collector: {
        rate_limit_waits_total: sumOf(collector, 'sluice_collector_rate_limit_waits_total'),
        rate_limit_wait_seconds_total: sumOf(collector, 'sluice_collector_rate_limit_wait_seconds_total'),
        breakers_open: sumOf(collector, 'sluice_collector_breakers_open'),
      },
      dead_letters: persistence
        .filter((s) => s.name === 'sluice_persistence_dead_letters_total')
        .map((s) => ({ stage: s.labels.stage ?? '', reason: s.labels.reason ?? '', total: s.value })),
    };
  }
}

function errorText(reason: unknown): string {
  if (reason instanceof Error) return reason.name === 'TimeoutError' ? 'no answer in time' : reason.message;
  return String(reason);
}

function stagesOf(reading: Reading, previous: Reading | undefined): StageStatus[] {
  const stages = new Map<string, StageStatus>();
  const totals = (samples: readonly Sample[]) => {
    const out = new Map<string, { in: number; out: number; dead: number }>();
    for (const s of samples) {
      if (s.name !== 'sluice_stage_items_total') continue;
      const stage = s.labels.stage ?? '';
      const t = out.get(stage) ?? { in: 0, out: 0, dead: 0 };
      if (s.labels.direction === 'in') t.in += s.value;
      else if (s.labels.direction === 'out') t.out += s.value;
      else if (s.labels.direction === 'dead_lettered') t.dead += s.value;
      out.set(stage, t);
    }
    return out;
  };
  const now = totals([...reading.samples.values()].flat());
  const before = previous ? totals([...previous.samples.values()].flat()) : undefined;
  const seconds = previous ? (reading.at - previous.at) / 1000 : 0;
  const rate = (a: number, b: number | undefined) =>
    b === undefined || seconds <= 0 ? null : Math.max(0, (a - b) / seconds);
  const all = [...reading.samples.values()].flat();
  for (const [stage, t] of now) {
    const b = before?.get(stage);
    stages.set(stage, {
      stage,
      items_in_total: t.in,
      items_out_total: t.out,
      dead_lettered_total: t.dead,
      items_in_per_second: rate(t.in, b?.in),
      items_out_per_second: rate(t.out, b?.out),
      dead_lettered_per_second: rate(t.dead, b?.dead),
      in_flight_batches: sumOf(all, 'sluice_stage_in_flight_batches', { stage }),
      downstream_unacked_items: sumOf(all, 'sluice_stage_downstream_unacked_items', { stage }),
    });
  }
  // Senders that are not stages themselves (the collector, the gateway's push stream) still have a window.
  for (const s of all) {
    if (s.name !== 'sluice_stage_downstream_unacked_items') continue;
    const stage = s.labels.stage ?? '';
    if (stages.has(stage)) continue;
    stages.set(stage, {
      stage,
      items_in_total: 0,
      items_out_total: 0,
      dead_lettered_total: 0,
      items_in_per_second: null,
      items_out_per_second: null,
      dead_lettered_per_second: null,
      in_flight_batches: 0,
      downstream_unacked_items: sumOf(all, 'sluice_stage_downstream_unacked_items', { stage }),
    });
  }
  const order = ['collector', 'gateway', 'transformer', 'inference', 'scorer', 'persistence'];
  const rank = (stage: string) => (order.indexOf(stage) === -1 ? order.length : order.indexOf(stage));
  return [...stages.values()].sort((a, b) => rank(a.stage) - rank(b.stage) || a.stage.localeCompare(b.stage));
}

function gpusOf(samples: readonly Sample[]): PipelineSnapshot['inference']['gpus'] {
  const gpus = new Map<string, PipelineSnapshot['inference']['gpus'][number]>();
  const entry = (gpu: string) => {
    let g = gpus.get(gpu);
    if (!g) gpus.set(gpu, (g = { gpu, utilization_ratio: 0, memory_bytes: 0, memory_total_bytes: null }));
    return g;
  };
  for (const s of samples) {
    const gpu = s.labels.gpu ?? '0';
    if (s.name === 'sluice_inference_gpu_utilization_ratio') entry(gpu).utilization_ratio = s.value;
    else if (s.name === 'sluice_inference_gpu_memory_bytes') entry(gpu).memory_bytes = s.value;
    else if (s.name === 'sluice_inference_gpu_memory_total_bytes') entry(gpu).memory_total_bytes = s.value;
  }
  return [...gpus.values()];
}
