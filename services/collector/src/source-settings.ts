// How a source is declared (config/sluice.yaml's collector.sources, or an API-managed definition): the keys
// every kind shares, and a strict schema per kind, joined in a union on `kind`.
import { SOURCE_ID_REGEX, SOURCE_ID_RULE } from '@sluice/common';
import { z } from '@sluice/service-kit';

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
  /**
   * For summary-only feeds: each new item's linked page is fetched and its article (collector.full_text rules, else
   * Readability) becomes the item's content, the feed's text its summary; a failed fetch keeps the feed's text.
   * Items already sent are never re-fetched (they are skipped as unchanged whatever skip_unchanged_items says).
   */
  fetch_full_text: z.boolean().default(false),
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
