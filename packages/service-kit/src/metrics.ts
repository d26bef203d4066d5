import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

export { Counter, Gauge, Histogram, Registry };

// Get-or-create: several parts of one service (every stage handler, every app built in a test) may declare the
// same metric on one registry, and prom-client throws on a second registration of a name.
type Declared<C> = Omit<C, 'registers'>;

/** The registry's counter named `config.name`, created on first use. */
export function getOrCreateCounter<L extends string>(
  registry: Registry,
  config: Declared<CounterConfiguration<L>>,
): Counter<L> {
  return (
    (registry.getSingleMetric(config.name) as Counter<L> | undefined) ??
    new Counter({ ...config, registers: [registry] })
  );
}

/** The registry's gauge named `config.name`, created on first use. */
export function getOrCreateGauge<L extends string>(
  registry: Registry,
  config: Declared<GaugeConfiguration<L>>,
): Gauge<L> {
  return (
    (registry.getSingleMetric(config.name) as Gauge<L> | undefined) ?? new Gauge({ ...config, registers: [registry] })
  );
}

/** The registry's histogram named `config.name`, created on first use. */
export function getOrCreateHistogram<L extends string>(
  registry: Registry,
  config: Declared<HistogramConfiguration<L>>,
): Histogram<L> {
  return (
    (registry.getSingleMetric(config.name) as Histogram<L> | undefined) ??
    new Histogram({ ...config, registers: [registry] })
  );
}

/** Latency buckets in seconds, from 100 µs to 60 s. */
export const LATENCY_BUCKETS_SECONDS = [
  0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];
/** Batch-size style buckets (items, tokens). */
export const SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];

/** How often the event-loop delay is sampled. */
const EVENT_LOOP_SAMPLE_MILLISECONDS = 20;
const eventLoopHistograms = new Set<Histogram>();
let eventLoopTimer: NodeJS.Timeout | undefined;

/**
 * `sluice_event_loop_delay_seconds`: how late a 20 ms timer fires, i.e. how long the event loop was blocked
 * (a synchronous PGlite query, a big JSON parse). prom-client's default metrics give only gauges of the
 * delay (min, mean, percentiles since start); a histogram can be rated and summed over replicas.
 */
function registerEventLoopDelay(registry: Registry): void {
  const histogram = new Histogram({
    name: 'sluice_event_loop_delay_seconds',
    help: 'How late a 20 ms timer fired (time the event loop was blocked)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  eventLoopHistograms.add(histogram);
  if (eventLoopTimer) return;
  // One timer per process feeds every registry's histogram.
  let expected = performance.now() + EVENT_LOOP_SAMPLE_MILLISECONDS;
  eventLoopTimer = setInterval(() => {
    const now = performance.now();
    const delay = Math.max(0, now - expected) / 1000;
    expected = now + EVENT_LOOP_SAMPLE_MILLISECONDS;
    for (const h of eventLoopHistograms) h.observe(delay);
  }, EVENT_LOOP_SAMPLE_MILLISECONDS);
  eventLoopTimer.unref();
}

/** One registry per service, with process metrics, the event-loop delay histogram and a `service` default label. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'sluice_' });
  registerEventLoopDelay(registry);
  return registry;
}
