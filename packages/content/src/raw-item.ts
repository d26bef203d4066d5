// The one RawItem builder: every producer (the collector's sources, the gateway's push and imports) hands it
// the fields it knows, and it gives the item its content key and the same defaults. Cleaning and validating
// the fields stays with each producer (the collector cleans what a source found; the gateway's schema
// validates what was pushed).
import { DEFAULT_PRIORITY, clampPriority } from '@sluice/common';
import type { RawItem } from '@sluice/protocol';
import { contentExternalId, itemId } from './ids.js';

/** A RawItem whose content key is set (the generated type has every field optional). */
export type BuiltRawItem = RawItem & { id: string };

export interface RawItemFields {
  sourceId: string;
  sourceKind: string;
  /** The id at the source; when empty, the URL, else the content itself (contentExternalId) identifies the item. */
  externalId?: string;
  url?: string;
  title?: string;
  summary?: string;
  content?: string;
  contentType: 'text/html' | 'text/plain';
  author?: string;
  /** 0 when unknown. */
  publishedAtMs?: number;
  collectedAtMs: number;
  tags?: string[];
  attributes?: Record<string, string>;
  /** Left out of the item when the source reports none; a missing count is 0. */
  engagement?: { points?: number; comments?: number };
  /** 0..9 (clamped); default 5. */
  priority?: number;
  sourceWeight: number;
  languageHint?: string;
}

/**
 * @example
 * buildRawItem({ sourceId: 'push', sourceKind: 'push', title: 'Hello', contentType: 'text/plain',
 *   collectedAtMs: Date.now(), sourceWeight: 0.5 }).external_id // => 'sha256:…' (no id, no URL)
 */
export function buildRawItem(fields: RawItemFields): BuiltRawItem {
  const title = fields.title ?? '';
  const summary = fields.summary ?? '';
  const content = fields.content ?? '';
  const url = fields.url ?? '';
  // No id and no URL (bulk files, pushed text): the content identifies the item, so a re-import is idempotent.
  const externalId = fields.externalId || url || contentExternalId(title, summary, content);
  const item: BuiltRawItem = {
    id: itemId(fields.sourceId, externalId),
    source_id: fields.sourceId,
    source_kind: fields.sourceKind,
    external_id: externalId,
    url,
    title,
    summary,
    content,
    content_type: fields.contentType,
    author: fields.author ?? '',
    published_at_ms: fields.publishedAtMs ?? 0,
    collected_at_ms: fields.collectedAtMs,
    tags: fields.tags ?? [],
    attributes: fields.attributes ?? {},
    priority: clampPriority(fields.priority ?? DEFAULT_PRIORITY),
    source_weight: fields.sourceWeight,
    language_hint: fields.languageHint ?? '',
  };
  if (fields.engagement)
    item.engagement = { points: fields.engagement.points ?? 0, comments: fields.engagement.comments ?? 0 };
  return item;
}
