// The collector's configuration section: global politeness/resilience settings plus the declared sources,
// a strict union on `kind` so a typo in a source is a start-up error that names the key.
import { SOURCE_ID_REGEX, SOURCE_ID_RULE } from '@sluice/common';
import { z } from '@sluice/service-kit';
import { parseAllowlistEntry } from './http/private-network-allowlist.js';

const sourceId = z.string().regex(SOURCE_ID_REGEX, SOURCE_ID_RULE);

/** Keys every source kind shares. */
const common = {
  id: sourceId,
  enabled: z.boolean().default(true),
  /** How often the scheduled loop polls the source. */
  interval_seconds: z.number().int().min(1).default(900),
  /** 0 (lowest) .. 9 (highest); travels with every item. */
  priority: z.number().int().min(0).max(9).default(5),
  /** Authority of the source, 0..1, used by the score. */
  weight: z.number().min(0).max(1).default(0.5),
  /** Requests per minute this source may make (token bucket, burst = rate_limit_burst). */
  rate_limit_per_minute: z.number().positive().default(60),
  rate_limit_burst: z.number().int().min(1).default(1),
  /**
   * Allows fetching from loopback/private/link-local addresses (tests, intranet feeds). Off by default (SSRF guard).
   * Only sources in config/sluice.yaml may set it; API-managed definitions that do are refused.
   */
  allow_private_network: z.boolean().default(false),
  /** Extra request headers (e.g. Accept-Language). */
  headers: z.record(z.string(), z.string()).default({}),
  /** Attributes copied onto every item of this source. */
  tags: z.array(z.string()).default([]),
};

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

/** An HTTP header whose value comes from an environment variable, so secrets stay out of the YAML. */
const authHeader = z.strictObject({
  header: z.string().default('Authorization'),
  /** Environment variable holding the value. */
  env: z.string().min(1),
  /** Prefix put before the value, e.g. "Bearer ". */
  prefix: z.string().default(''),
});

export const feedSourceSchema = z.strictObject({
  ...common,
  /** RSS 2.0, RSS 1.0/RDF, Atom or JSON Feed (detected from the document). */
  kind: z.literal('feed'),
  url: httpUrl,
  /** Items unchanged since the last stored poll are not sent again (for servers without ETag/Last-Modified). */
  skip_unchanged_items: z.boolean().default(true),
});

/** Where each content-model field is found in a record (bulk files, JSON APIs); defaults: the same names. */
const recordFields = {
  id: z.string().default('id'),
  url: z.string().default('url'),
  title: z.string().default('title'),
  summary: z.string().default('summary'),
  content: z.string().default('content'),
  author: z.string().default('author'),
  published_at: z.string().default('published_at'),
  tags: z.string().default('tags'),
};

const fileLocation = {
  /** A local file (relative paths resolve against the working directory) ... */
  path: z.string().min(1).optional(),
  /** ... or an http(s) URL. Exactly one of path and url. */
  url: httpUrl.optional(),
  /** Gzip-compressed: "auto" decides by the .gz extension. */
  gzip: z.union([z.boolean(), z.literal('auto')]).default('auto'),
  /** Items per batch sent downstream (and per checkpoint). */
  batch_size: z.number().int().min(1).max(5000).default(500),
  /** Field mapping from the record to the content model (defaults: same names). */
  fields: z
    .strictObject({
      ...recordFields,
      content_type: z.string().default('content_type'),
      language: z.string().default('language'),
    })
    .prefault({}),
};

export const jsonlSourceSchema = z.strictObject({ ...common, kind: z.literal('jsonl'), ...fileLocation });
export const csvSourceSchema = z.strictObject({
  ...common,
  kind: z.literal('csv'),
  ...fileLocation,
  delimiter: z.string().length(1).default(','),
  /** Tags column holds values separated by this character. */
  tags_separator: z.string().default('|'),
});

export const opmlSourceSchema = z.strictObject({
  ...common,
  /** A feed list: every feed outline becomes a feed source with this entry's settings (id: <id>:<n>). */
  kind: z.literal('opml'),
  path: z.string().min(1).optional(),
  url: httpUrl.optional(),
});

export const hackerNewsSourceSchema = z.strictObject({
  ...common,
  kind: z.literal('hacker_news'),
  list: z.enum(['top', 'new', 'best']).default('top'),
  /** Stories fetched per run (the list has up to 500). */
  max_items: z.number().int().min(1).max(500).default(100),
  base_url: httpUrl.default('https://hacker-news.firebaseio.com/v0'),
  /** Item requests in flight at once (within the rate limit). */
  concurrency: z.number().int().min(1).max(32).default(4),
});

export const redditSourceSchema = z.strictObject({
  ...common,
  kind: z.literal('reddit'),
  subreddit: z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'expected a subreddit name without /r/'),
  listing: z.enum(['new', 'hot', 'top', 'rising']).default('new'),
  /** Pages of 100 per run, following `after`; stops early at items already seen. */
  max_pages: z.number().int().min(1).max(20).default(2),
  base_url: httpUrl.default('https://www.reddit.com'),
});

export const githubSourceSchema = z.strictObject({
  ...common,
  kind: z.literal('github'),
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/name'),
  resource: z.enum(['releases', 'issues']).default('releases'),
  max_pages: z.number().int().min(1).max(20).default(2),
  base_url: httpUrl.default('https://api.github.com'),
  /** Environment variable with a token (sent as "Bearer <token>"); optional. */
  token_env: z.string().optional(),
});

export const httpJsonSourceSchema = z.strictObject({
  ...common,
  kind: z.literal('http_json'),
  url: httpUrl,
  /** Dot path to the array of records in the response ("" = the response itself). */
  items_path: z.string().default(''),
  /** Dot paths inside each record. */
  fields: z.strictObject(recordFields).prefault({}),
  content_type: z.enum(['text/html', 'text/plain']).default('text/html'),
  pagination: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('none') }),
      /** The response holds the next cursor at `cursor_path`; it is sent as query parameter `param`. */
      z.strictObject({ type: z.literal('cursor'), cursor_path: z.string(), param: z.string().default('cursor') }),
      /** Page numbers in query parameter `param`, starting at `start`; stops at an empty page. */
      z.strictObject({
        type: z.literal('page'),
        param: z.string().default('page'),
        start: z.number().int().default(1),
      }),
      /** RFC 8288 `Link: <...>; rel="next"`. */
      z.strictObject({ type: z.literal('link') }),
    ])
    .default({ type: 'none' }),
  max_pages: z.number().int().min(1).max(1000).default(10),
  /** Cursor pagination: start the next run at the last cursor seen (feeds of events), not at the first page. */
  resume_from_cursor: z.boolean().default(false),
  auth: authHeader.optional(),
});

export const sourceSchema = z.discriminatedUnion('kind', [
  feedSourceSchema,
  jsonlSourceSchema,
  csvSourceSchema,
  opmlSourceSchema,
  hackerNewsSourceSchema,
  redditSourceSchema,
  githubSourceSchema,
  httpJsonSourceSchema,
]);

export type SourceConfig = z.infer<typeof sourceSchema>;
export type SourceKind = SourceConfig['kind'];
export type SourceOf<K extends SourceKind> = Extract<SourceConfig, { kind: K }>;
export const SOURCE_KINDS = [
  'feed',
  'jsonl',
  'csv',
  'opml',
  'hacker_news',
  'reddit',
  'github',
  'http_json',
] as const satisfies readonly SourceKind[];

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
    /** Unacknowledged items towards the transformer (flow control). */
    max_in_flight_items: z.number().int().min(1).default(5_000),
    /** Sources waiting for room in that window are served by priority; waiting this long raises one level. */
    priority_aging_milliseconds: z.number().int().min(1).default(1000),
    /** Streams to the transformer; more than 1 spreads work over its replicas (round_robin). */
    downstream_streams: z.number().int().min(1).max(64).default(1),
    /** Items per batch for HTTP sources. */
    batch_size: z.number().int().min(1).max(5000).default(200),
    stream_deadline_seconds: z
      .number()
      .int()
      .min(1)
      .default(24 * 3600),
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
