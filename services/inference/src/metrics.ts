// The inference service's metrics: batch shape, queueing, compute, rejections, cache.
import { Counter, Gauge, Histogram, LATENCY_BUCKETS_SECONDS, SIZE_BUCKETS, type Registry } from '@sluice/service-kit';

export class InferenceMetrics {
  readonly batchSize: Histogram<'model'>;
  readonly similarityRequests: Histogram;
  readonly batchTokens: Histogram<'model'>;
  readonly paddingRatio: Histogram<'model'>;
  readonly queueSeconds: Histogram<'model'>;
  readonly tokenizationSeconds: Histogram<'model'>;
  readonly computeSeconds: Histogram<'model'>;
  readonly items: Counter<'model'>;
  readonly rejections: Counter<'reason'>;
  readonly cacheLookups: Counter<'result'>;
  readonly cacheBytes: Gauge;
  readonly queueDepth: Gauge<'model'>;
  readonly inFlight: Gauge;
  readonly tokenBudget: Gauge<'model'>;
  readonly oom: Counter<'model'>;
  readonly deviceBusySeconds: Counter;
  readonly inFlightLimit: Gauge;
  readonly maxBatchSize: Gauge;
  readonly deviceMemoryBudget: Gauge;

  constructor(registry: Registry) {
    const r = [registry];
    this.batchSize = new Histogram({
      name: 'sluice_inference_batch_size',
      help: 'Inputs per batch run on the device',
      labelNames: ['model'],
      buckets: SIZE_BUCKETS.slice(0, 11),
      registers: r,
    });
    this.similarityRequests = new Histogram({
      name: 'sluice_inference_similarity_batch_requests',
      help: 'Similarity requests (callers) served by one run of the similarity graph on the device',
      buckets: SIZE_BUCKETS.slice(0, 11),
      registers: r,
    });
    this.batchTokens = new Histogram({
      name: 'sluice_inference_batch_tokens',
      help: 'Padded tokens per batch (longest × batch size)',
      labelNames: ['model'],
      buckets: SIZE_BUCKETS,
      registers: r,
    });
    this.paddingRatio = new Histogram({
      name: 'sluice_inference_padding_ratio',
      help: 'Share of padded positions in a batch (1 − real tokens / padded tokens)',
      labelNames: ['model'],
      buckets: [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
      registers: r,
    });
    this.queueSeconds = new Histogram({
      name: 'sluice_inference_queue_seconds',
      help: 'Time an input waited in its model queue',
      labelNames: ['model'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: r,
    });
    this.tokenizationSeconds = new Histogram({
      name: 'sluice_inference_tokenization_seconds',
      help: 'Tokenization time per request',
      labelNames: ['model'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: r,
    });
    this.computeSeconds = new Histogram({
      name: 'sluice_inference_compute_seconds',
      help: 'Device time per batch (session.run)',
      labelNames: ['model'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: r,
    });
    this.items = new Counter({
      name: 'sluice_inference_items_total',
      help: 'Inputs computed, by model (rate = items/s)',
      labelNames: ['model'],
      registers: r,
    });
    this.rejections = new Counter({
      name: 'sluice_inference_rejections_total',
      help: 'Inputs answered without compute: overloaded, expired, cancelled, invalid',
      labelNames: ['reason'],
      registers: r,
    });
    this.cacheLookups = new Counter({
      name: 'sluice_inference_cache_lookups_total',
      help: 'Result cache lookups by result (hit, miss); hit ratio = hit / total',
      labelNames: ['result'],
      registers: r,
    });
    this.cacheBytes = new Gauge({
      name: 'sluice_inference_cache_bytes',
      help: 'Bytes held by the result cache',
      registers: r,
    });
    this.queueDepth = new Gauge({
      name: 'sluice_inference_queue_depth',
      help: 'Inputs waiting per model queue',
      labelNames: ['model'],
      registers: r,
    });
    this.inFlight = new Gauge({
      name: 'sluice_inference_in_flight_items',
      help: 'Admitted inputs not yet answered',
      registers: r,
    });
    this.tokenBudget = new Gauge({
      name: 'sluice_inference_token_budget',
      help: 'Current padded-token budget per batch (halved on out-of-memory)',
      labelNames: ['model'],
      registers: r,
    });
    this.oom = new Counter({
      name: 'sluice_inference_out_of_memory_total',
      help: 'Batches that failed with out-of-memory and were retried smaller',
      labelNames: ['model'],
      registers: r,
    });
    this.deviceBusySeconds = new Counter({
      name: 'sluice_inference_device_busy_seconds_total',
      help: 'Wall time the device ran a batch (rate = utilization)',
      registers: r,
    });
    // The configured limits, so dashboards and alerts compare against what this process runs with.
    this.inFlightLimit = new Gauge({
      name: 'sluice_inference_in_flight_limit_items',
      help: 'Inputs admitted at most (inference.max_in_flight_inputs); beyond it callers get RESOURCE_EXHAUSTED',
      registers: r,
    });
    this.maxBatchSize = new Gauge({
      name: 'sluice_inference_max_batch_size',
      help: 'Inputs per device batch at most (inference.max_batch_size)',
      registers: r,
    });
    this.deviceMemoryBudget = new Gauge({
      name: 'sluice_inference_device_memory_budget_bytes',
      help: 'Device memory the batches may use (inference.max_device_memory_gigabytes)',
      registers: r,
    });
  }
}
