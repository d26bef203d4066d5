// Turns pushed JSON items into pipeline envelopes. Pure, so the id rules are unit-tested without a stream.
// The id is the content key itemId(source_id, external_id): pushing the same item again targets the same row.
import type { PipelineItem } from '@sluice/protocol';
import { buildRawItem } from '@sluice/content';
import { ApiError, type FieldError } from './errors.js';
import type { PushItem } from './schemas.js';

export const DEFAULT_PUSH_SOURCE = 'push';

/** Parses an ISO 8601 time or Unix milliseconds; NaN when it is neither. */
export function parseTime(value: string | number): number {
  if (typeof value === 'number') return value;
  if (/^\d{1,16}$/.test(value)) return Number(value);
  // Require a date at least (Date.parse accepts odd strings like "1").
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return NaN;
  return Date.parse(value);
}

export interface PushConversion {
  items: PipelineItem[];
  /** Item ids in request order (duplicates within the request collapse to one item, the last wins). */
  itemIds: string[];
}

/** Converts a push body; every item with a problem is reported at once (422 with JSON pointers). */
export function toPipelineItems(
  body: { source_id?: string; items: PushItem[] },
  now: number,
  pointerBase = '/body/items',
): PushConversion {
  const errors: FieldError[] = [];
  const byId = new Map<string, PipelineItem>();
  const itemIds: string[] = [];
  body.items.forEach((item, index) => {
    const hasContent = Boolean(item.title || item.content || item.summary || item.url);
    if (!hasContent) {
      errors.push({
        pointer: `${pointerBase}/${index}`,
        message: 'an item needs at least one of title, summary, content or url',
      });
      return;
    }
    let published = 0;
    if (item.published_at !== undefined) {
      published = parseTime(item.published_at);
      if (!Number.isFinite(published) || published < 0) {
        errors.push({
          pointer: `${pointerBase}/${index}/published_at`,
          message: 'expected an ISO 8601 time or Unix milliseconds',
        });
        return;
      }
    }
    // The schema guarantees a non-empty external_id and a priority of 0..9; without an id, the URL, else the
    // content identifies the item (buildRawItem).
    const raw = buildRawItem({
      sourceId: item.source_id ?? body.source_id ?? DEFAULT_PUSH_SOURCE,
      sourceKind: 'push',
      externalId: item.external_id,
      url: item.url,
      title: item.title,
      summary: item.summary,
      content: item.content,
      contentType:
        item.content_type ?? (/<\/?[a-z][a-z0-9]*[\s>/]/i.test(item.content ?? '') ? 'text/html' : 'text/plain'),
      author: item.author,
      publishedAtMs: published,
      collectedAtMs: now,
      tags: item.tags,
      attributes: item.attributes,
      engagement: item.engagement,
      priority: item.priority,
      sourceWeight: 0.5,
      languageHint: item.language,
    });
    if (!byId.has(raw.id)) itemIds.push(raw.id);
    byId.set(raw.id, { raw });
  });
  if (errors.length > 0)
    throw new ApiError('invalid_parameter', `${errors.length} item(s) are not acceptable`, { errors });
  return { items: itemIds.map((id) => byId.get(id)!), itemIds };
}
