// The collector's metrics, with small fixed label sets (outcome and error codes, never URLs or source ids).
import { Counter, Gauge, Histogram, LATENCY_BUCKETS_SECONDS, type Registry } from '@sluice/service-kit';

export class CollectorMetrics {
  readonly requests: Counter<'outcome'>;
  readonly requestSeconds: Histogram<'outcome'>;
  readonly breakerTransitions: Counter<'state'>;
  readonly breakersOpen: Gauge;
  readonly rateLimitWaits: Counter<'scope'>;
  readonly rateLimitWaitSeconds: Counter<'scope'>;
  readonly retries: Counter<'reason'>;
  readonly items: Counter<'outcome'>;
  readonly sourceRuns: Counter<'outcome'>;
  readonly sourceErrors: Counter<'code'>;
  readonly sourcesRunning: Gauge;
  readonly degradedSources: Gauge;
  readonly leases: Counter<'outcome'>;
  readonly fullText: Counter<'outcome' | 'reason'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({
      name: 'sluice_collector_http_requests_total',
      help: 'HTTP requests to sources by outcome (ok, not_modified, http_4xx, http_5xx, rate_limited, timeout, connection, ssrf_blocked, too_large, redirect, circuit_open)',
      labelNames: ['outcome'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'sluice_collector_http_request_seconds',
      help: 'Time of one HTTP request attempt (headers and body)',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.breakerTransitions = new Counter({
      name: 'sluice_collector_breaker_transitions_total',
      help: 'Per-host circuit breaker state changes, by new state (open, half_open, closed)',
      labelNames: ['state'],
      registers,
    });
    this.breakersOpen = new Gauge({
      name: 'sluice_collector_breakers_open',
      help: 'Hosts whose circuit breaker is open now',
      registers,
    });
    this.rateLimitWaits = new Counter({
      name: 'sluice_collector_rate_limit_waits_total',
      help: 'Requests that waited for a rate-limit token, by scope (source, host)',
      labelNames: ['scope'],
      registers,
    });
    this.rateLimitWaitSeconds = new Counter({
      name: 'sluice_collector_rate_limit_wait_seconds_total',
      help: 'Time spent waiting for rate-limit tokens',
      labelNames: ['scope'],
      registers,
    });
    this.retries = new Counter({
      name: 'sluice_collector_retries_total',
      help: 'Request retries by reason (retry_after, backoff)',
      labelNames: ['reason'],
      registers,
    });
    this.items = new Counter({
      name: 'sluice_collector_items_total',
      help: 'Items by outcome: collected (sent downstream), dead_lettered (by the collector), acknowledged (durable downstream)',
      labelNames: ['outcome'],
      registers,
    });
    this.sourceRuns = new Counter({
      name: 'sluice_collector_source_runs_total',
      help: 'Source runs by outcome (ok, not_modified, error)',
      labelNames: ['outcome'],
      registers,
    });
    this.sourceErrors = new Counter({
      name: 'sluice_collector_source_errors_total',
      help: 'Source errors recorded, by code',
      labelNames: ['code'],
      registers,
    });
    this.sourcesRunning = new Gauge({
      name: 'sluice_collector_sources_running',
      help: 'Sources being collected now',
      registers,
    });
    this.degradedSources = new Gauge({
      name: 'sluice_collector_degraded_sources',
      help: 'Sources whose last run failed or was slow (they run in the degraded slots)',
      registers,
    });
    this.fullText = new Counter({
      name: 'sluice_collector_full_text_fetches_total',
      help: "fetch_full_text pages by outcome (extracted, fallback: the feed's text kept) and reason (extracted, no_link, not_html, no_article, fetch_<fetch error code>)",
      labelNames: ['outcome', 'reason'],
      registers,
    });
    this.leases = new Counter({
      name: 'sluice_collector_leases_total',
      help: 'Source leases: granted, lost, released',
      labelNames: ['outcome'],
      registers,
    });
  }
}
