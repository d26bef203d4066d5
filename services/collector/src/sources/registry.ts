// Source kind → its collector. Adding a kind: a schema in settings.ts, a module here, an entry below.
import type { SourceConfig, SourceKind } from '../settings.js';
import { collectCsv } from './csv.js';
import { collectFeed } from './feed.js';
import { collectGithub } from './github.js';
import { collectHackerNews } from './hacker-news.js';
import { collectHttpJson } from './http-json.js';
import { collectJsonl } from './jsonl.js';
import { collectOpml } from './opml.js';
import { collectReddit } from './reddit.js';
import type { SourceCollector } from './source-collector.js';

const COLLECTORS: { [K in SourceKind]: SourceCollector<Extract<SourceConfig, { kind: K }>> } = {
  feed: collectFeed,
  jsonl: collectJsonl,
  csv: collectCsv,
  opml: collectOpml,
  hacker_news: collectHackerNews,
  reddit: collectReddit,
  github: collectGithub,
  http_json: collectHttpJson,
};

export function collectorFor(source: SourceConfig): SourceCollector | undefined {
  return COLLECTORS[source.kind] as SourceCollector | undefined;
}
