// Source kind → its collector, loaded on first use (a bulk import never loads the feed parser, and so on).
// Adding a kind: a schema in settings.ts, a module here, an entry below.
import type { SourceConfig, SourceKind } from '../source-settings.js';
import type { SourceCollector } from './source-collector.js';

const LOADERS: { [K in SourceKind]: () => Promise<SourceCollector<Extract<SourceConfig, { kind: K }>>> } = {
  feed: async () => (await import('./feed.js')).collectFeed,
  jsonl: async () => (await import('./jsonl.js')).collectJsonl,
  csv: async () => (await import('./csv.js')).collectCsv,
  opml: async () => (await import('./opml.js')).collectOpml,
  hacker_news: async () => (await import('./hacker-news.js')).collectHackerNews,
  reddit: async () => (await import('./reddit.js')).collectReddit,
  github: async () => (await import('./github.js')).collectGithub,
  http_json: async () => (await import('./http-json.js')).collectHttpJson,
};

export async function collectorFor(source: SourceConfig): Promise<SourceCollector | undefined> {
  const load = LOADERS[source.kind] as (() => Promise<SourceCollector>) | undefined;
  return load?.();
}

/** Loads the collectors of these kinds now (at start-up), so a first run does not wait for module loading. */
export async function preloadCollectors(kinds: Iterable<SourceKind>): Promise<void> {
  await Promise.all([...new Set(kinds)].map((kind) => LOADERS[kind]()));
}
