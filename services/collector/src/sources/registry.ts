// Source kind → its collector. Adding a kind: a schema in settings.ts and an entry here.
import type { SourceConfig, SourceKind } from '../settings.js';
import { collectFeed } from './feed.js';
import { collectJsonl } from './jsonl.js';
import type { SourceCollector } from './source-collector.js';

const COLLECTORS: Partial<{ [K in SourceKind]: SourceCollector<Extract<SourceConfig, { kind: K }>> }> = {
  feed: collectFeed,
  jsonl: collectJsonl,
};

export function collectorFor(source: SourceConfig): SourceCollector | undefined {
  return COLLECTORS[source.kind] as SourceCollector | undefined;
}
