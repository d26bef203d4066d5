// The gateway's HTTP metrics (requests, latency, rate-limit refusals), created once per registry.
import { LATENCY_BUCKETS_SECONDS, getOrCreateCounter, getOrCreateHistogram, type Registry } from '@sluice/service-kit';

export function httpMetrics(registry: Registry) {
  return {
    requests: getOrCreateCounter(registry, {
      name: 'sluice_gateway_http_requests_total',
      help: 'HTTP requests by route template, method and status',
      labelNames: ['method', 'route', 'status'],
    }),
    seconds: getOrCreateHistogram(registry, {
      name: 'sluice_gateway_http_request_seconds',
      help: 'HTTP request latency by route template',
      labelNames: ['method', 'route'],
      buckets: LATENCY_BUCKETS_SECONDS,
    }),
    rateLimited: getOrCreateCounter(registry, {
      name: 'sluice_gateway_rate_limited_total',
      help: 'Requests refused by the per-key rate limit',
    }),
  };
}
