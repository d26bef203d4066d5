// The collector's configuration section: global politeness/resilience settings plus the declared sources
// (source-settings.ts: a strict union on `kind`, so a typo in a source is a start-up error that names the key).
import { downstreamSettings } from '@sluice/protocol';
import { z } from '@sluice/service-kit';
import { parseAllowlistEntry } from './http/private-network-allowlist.js';
import { isValidSelector } from './full-text/article-extract.js';
import { sourceSchema } from './source-settings.js';

/** A host name, an IP address or a CIDR network (a.b.c.d/n, x::y/n). */
const allowlistEntry = z.string().refine((entry) => parseAllowlistEntry(entry) !== undefined, {
  error: 'expected a host name, an IP address or a CIDR network such as 10.0.0.0/8 or fd00::/8',
});

export const httpSettingsSchema = z.strictObject({
  user_agent: z.string().default('SluiceCollector/0.1 (+https://github.com/sluice)'),
  connect_timeout_milliseconds: z.number().int().min(1).default(5_000),
  /** The whole response (headers and body), per attempt. */
  request_timeout_milliseconds: z.number().int().min(1).default(30_000),
  max_response_bytes: z
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  max_redirects: z.number().int().min(0).max(20).default(5),
  /** Connection pool per host (keep-alive). */
  max_connections_per_host: z.number().int().min(1).default(6),
  /** Retries after the first attempt, for 5xx, 429, 503, resets and timeouts (not other 4xx). */
  max_retries: z.number().int().min(0).default(3),
  initial_backoff_milliseconds: z.number().int().min(0).default(500),
  max_backoff_milliseconds: z.number().int().min(0).default(30_000),
  /** A Retry-After longer than this fails the fetch (retried at the next poll) instead of waiting. */
  max_retry_after_seconds: z.number().min(0).default(120),
  /** Per-host token bucket shared by every source on that host. */
  host_rate_limit_per_second: z.number().positive().default(10),
  host_rate_limit_burst: z.number().int().min(1).default(10),
  /**
   * The operator's exceptions to the SSRF guard, for every source (config or API): host names (exact, any address
   * they resolve to), IP addresses or CIDR networks, e.g. ["intranet.example", "10.20.0.0/16", "127.0.0.1"].
   */
  private_network_allowlist: z.array(allowlistEntry).default([]),
});

const selectorRule = z.strictObject({
  /** The page's host or a parent domain ("example.com" also covers "www.example.com"). */
  domain: z.string().min(1),
  /** CSS selector of the article's element(s) on that domain's pages. */
  selector: z.string().min(1).refine(isValidSelector, { error: 'not a valid CSS selector' }),
});

export const fullTextSettingsSchema = z.strictObject({
  /** Per-domain article selectors, tried before Readability (the longest matching domain wins). */
  selector_rules: z.array(selectorRule).default([]),
  /** Pages fetched at once per source run (each still waits for the source's and the host's rate limits). */
  max_concurrent_fetches: z.number().int().min(1).max(64).default(4),
});

export const breakerSettingsSchema = z.strictObject({
  /** Failure percentage within the rolling window that opens a host's breaker. */
  error_threshold_percentage: z.number().min(1).max(100).default(50),
  /** Requests in the window before the percentage counts. */
  volume_threshold: z.number().int().min(1).default(5),
  /** Open → half-open after this long (one probe request). */
  reset_timeout_milliseconds: z.number().int().min(1).default(30_000),
  rolling_window_milliseconds: z.number().int().min(100).default(60_000),
});

export const collectorSettingsSchema = z
  .strictObject({
    /** Poll sources by their interval in the background. Off by default: the one-shot main job uses RunSources. */
    schedule_enabled: z.boolean().default(false),
    schedule_tick_milliseconds: z.number().int().min(50).default(1_000),
    /** With fewer free slots than due sources, higher priorities are leased first; each this many seconds overdue raises a source one level. */
    schedule_priority_aging_seconds: z.number().positive().default(60),
    /** This replica's lease owner id (default: hostname-pid). */
    replica_id: z.string().default(''),
    lease_duration_seconds: z.number().int().min(1).default(120),
    /**
     * Folders that file sources managed through the API (jsonl, csv, opml with a `path`) may read; their paths are
     * relative to these (tried in order) and cannot leave them. Empty: API-managed file sources need a url.
     * Sources in this file may name any path.
     */
    import_directories: z.array(z.string().min(1)).default([]),
    /** Sources collected at once by this replica (healthy ones; degraded ones have their own slots, below). */
    max_concurrent_sources: z.number().int().min(1).default(16),
    /**
     * Slots for degraded sources: those whose last run failed or took longer than slow_run_seconds, and runs
     * that pass slow_run_seconds while they last. Failing and slow hosts wait for these instead of taking the
     * slots healthy sources need.
     */
    max_concurrent_degraded_sources: z.number().int().min(1).default(8),
    /** A run longer than this marks its source as slow (degraded) until a run is quick again. */
    slow_run_seconds: z.number().positive().default(5),
    /** Towards the transformer (packages/protocol downstream-settings.ts). */
    ...downstreamSettings({ maxInFlightItems: 5_000, streamDeadlineSeconds: 24 * 3600 }),
    /** Sources waiting for room in that window are served by priority; waiting this long raises one level. */
    priority_aging_milliseconds: z.number().int().min(1).default(5000),
    /** Items per batch for HTTP sources. */
    batch_size: z.number().int().min(1).max(5000).default(200),
    /** Where source state, leases and source errors live: the persistence service, or memory (lost on exit). */
    state_store: z.enum(['persistence', 'memory']).default('persistence'),
    persistence_timeout_milliseconds: z.number().int().min(1).default(10_000),
    /** How often sources managed through the API (persistence source definitions) are re-read; 0 = off. */
    source_definitions_poll_seconds: z.number().min(0).default(15),
    /** A failing source waits min(max, interval · 2^errors) before the next scheduled poll. */
    max_error_backoff_seconds: z.number().int().min(1).default(3_600),
    /** Minimum time between two checkpoint saves of a long-running source. */
    checkpoint_interval_milliseconds: z.number().int().min(0).default(1_000),
    /** A cancelled run still waits this long for the acknowledgements of what it sent, to save them in its checkpoint. */
    cancel_ack_wait_milliseconds: z.number().int().min(0).default(5_000),
    http: httpSettingsSchema.prefault({}),
    breaker: breakerSettingsSchema.prefault({}),
    /** fetch_full_text: how pages' articles are found and fetched. */
    full_text: fullTextSettingsSchema.prefault({}),
    sources: z.array(sourceSchema).default([]),
  })
  .superRefine((settings, ctx) => {
    const seen = new Set<string>();
    settings.sources.forEach((source, index) => {
      if (seen.has(source.id))
        ctx.addIssue({ code: 'custom', path: ['sources', index, 'id'], message: `duplicate source id "${source.id}"` });
      seen.add(source.id);
      if ('path' in source || source.kind === 'jsonl' || source.kind === 'csv' || source.kind === 'opml') {
        const located = source as { path?: string; url?: string };
        if ((located.path === undefined) === (located.url === undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sources', index],
            message: `source "${source.id}" (${source.kind}) needs exactly one of "path" or "url"`,
          });
        }
      }
    });
  });

export type CollectorSettings = z.infer<typeof collectorSettingsSchema>;
export type HttpSettings = z.infer<typeof httpSettingsSchema>;
export type BreakerSettings = z.infer<typeof breakerSettingsSchema>;
export type FullTextSettings = z.infer<typeof fullTextSettingsSchema>;
