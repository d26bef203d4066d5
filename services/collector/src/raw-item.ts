// Turns what a source found into a RawItem, or a dead letter when it cannot be one: one bad record never
// stops the rest of its source, and nothing is lost (the dead letter carries the record as JSON).
import { createHash } from 'node:crypto';
import { buildRawItem, itemId } from '@sluice/content';
import { deadLetter, payloadJson, type DeadLetter, type RawItem } from '@sluice/protocol';
import type { SourceConfig } from './source-settings.js';

/** What a source kind extracts from one record, before validation. */
export interface FoundItem {
  externalId?: string;
  url?: string;
  title?: string;
  summary?: string;
  content?: string;
  contentType?: string;
  author?: string;
  /** Date string, epoch milliseconds, or Date. */
  published?: unknown;
  tags?: string[];
  language?: string;
  attributes?: Record<string, string>;
  engagement?: { points?: number; comments?: number };
  /** Item kind reported downstream when it differs from the source's kind (feeds: rss, atom, rdf, json_feed). */
  sourceKind?: string;
}

export type BuildResult = { ok: true; item: RawItem } | { ok: false; deadLetter: DeadLetter };

/** Stable reason codes of the collector's dead letters. */
export const DEAD_LETTER_REASONS = ['invalid_item', 'invalid_json', 'invalid_record', 'invalid_url'] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

const MAX_TEXT = 1_000_000;

// Control characters other than tab and line breaks: never text, and NUL is what PostgreSQL text refuses.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Every RawItem string: well-formed (lone surrogates become U+FFFD), no control characters but \t \n \r, trimmed, clipped. */
function clean(value: unknown, max = MAX_TEXT): string {
  if (typeof value !== 'string')
    return value === undefined || value === null ? '' : typeof value === 'number' ? String(value) : '';
  let text = value.isWellFormed() ? value : value.toWellFormed();
  CONTROL.lastIndex = 0;
  if (CONTROL.test(text)) text = text.replace(CONTROL, '');
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut; // never half a surrogate pair
}

/** Milliseconds since the epoch, or 0 when unknown or implausible. */
export function parseDate(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number')
    ms = value < 1e11 ? value * 1000 : value; // seconds or milliseconds
  else if (typeof value === 'string') {
    const trimmed = value.trim();
    ms = /^\d{9,13}$/.test(trimmed) ? parseDate(Number(trimmed)) : Date.parse(trimmed);
  } else return 0;
  // Before 1990 or more than a day in the future: a broken date, treat as unknown.
  if (!Number.isFinite(ms) || ms < 631_152_000_000 || ms > Date.now() + 86_400_000) return 0;
  return Math.round(ms);
}

/** Resolves a possibly relative link against the document's base; keeps only http(s) URLs. */
export function resolveUrl(link: string | undefined, base: string | undefined): string {
  const value = clean(link, 8192);
  if (!value) return '';
  try {
    const url = base ? new URL(value, base) : new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : '';
  } catch {
    return '';
  }
}

function sourceDeadLetter(
  source: SourceConfig,
  reason: DeadLetterReason,
  detail: string,
  payload: unknown,
  externalId = '',
): DeadLetter {
  const payload_json = payloadJson(payload);
  // Persistence keeps one row per (item_id, stage): every dead letter needs an id of its own, and a stable one
  // (the item's own id where the record names one, else a hash of the record), so a resent batch updates its
  // row instead of adding one, and two different bad records never share a row.
  const key =
    externalId ||
    `dead:${createHash('sha256').update(reason).update('\n').update(payload_json).digest('hex').slice(0, 32)}`;
  return deadLetter({
    itemId: itemId(source.id, key),
    sourceId: source.id,
    stage: 'collector',
    reason,
    detail,
    payload,
  });
}

/** A dead letter for a record that could not even be read (bad JSON line, bad CSV row). */
export function unreadableRecord(
  source: SourceConfig,
  reason: DeadLetterReason,
  detail: string,
  payload: unknown,
): DeadLetter {
  return sourceDeadLetter(source, reason, detail, payload);
}

export function buildItem(source: SourceConfig, found: FoundItem, collectedAtMs: number): BuildResult {
  const title = clean(found.title, 4096);
  const content = clean(found.content);
  const summary = clean(found.summary);
  const url = found.url ? resolveUrl(found.url, undefined) : '';
  const externalId = clean(found.externalId, 2048) || url;
  if (!title && !content && !summary) {
    return {
      ok: false,
      deadLetter: sourceDeadLetter(
        source,
        'invalid_item',
        'the item has no title, summary or content',
        { ...found, source_id: source.id },
        externalId,
      ),
    };
  }
  if (found.url && !url) {
    return {
      ok: false,
      deadLetter: sourceDeadLetter(
        source,
        'invalid_url',
        `not an absolute http(s) URL: ${String(found.url).slice(0, 200)}`,
        { ...found, source_id: source.id },
        externalId,
      ),
    };
  }
  // No id and no URL (bulk files): buildRawItem lets the content identify the item.
  const item = buildRawItem({
    sourceId: source.id,
    sourceKind: found.sourceKind ?? source.kind,
    externalId,
    url,
    title,
    summary,
    content,
    contentType: found.contentType === 'text/plain' ? 'text/plain' : 'text/html',
    author: clean(found.author, 512),
    publishedAtMs: parseDate(found.published),
    collectedAtMs,
    tags: [...new Set([...(found.tags ?? []).map((t) => clean(t, 256)).filter(Boolean), ...source.tags])],
    attributes: found.attributes,
    engagement: found.engagement,
    priority: source.priority,
    sourceWeight: source.weight,
    languageHint: clean(found.language, 16),
  });
  return { ok: true, item };
}
