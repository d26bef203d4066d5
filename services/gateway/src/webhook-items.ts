// Maps the JSON other systems post to webhooks (a CMS, a chat tool, a feed service) onto push items by the
// field names such payloads commonly use. Pure, so the mapping is unit-tested.
import type { PushItem } from './schemas.js';

type Json = Record<string, unknown>;

const FIELDS = {
  external_id: ['external_id', 'id', 'guid', 'uuid', 'key'],
  url: ['url', 'link', 'href', 'permalink', 'web_url'],
  title: ['title', 'name', 'subject', 'headline'],
  content: ['content', 'body', 'html', 'text', 'message', 'content_html', 'content_text'],
  summary: ['summary', 'description', 'excerpt', 'abstract', 'snippet'],
  author: ['author', 'author_name', 'user', 'username', 'creator', 'by'],
  published_at: [
    'published_at',
    'published',
    'pubDate',
    'date',
    'created_at',
    'created',
    'timestamp',
    'time',
    'updated_at',
  ],
  tags: ['tags', 'categories', 'labels', 'keywords'],
} as const;

const LIMITS = { title: 2000, summary: 20_000, author: 500, url: 4096, external_id: 1000 } as const;

function first(record: Json, names: readonly string[]): unknown {
  for (const name of names) {
    const value = record[name];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function text(value: unknown, max?: number): string | undefined {
  let result: string | undefined;
  if (typeof value === 'string') result = value;
  else if (typeof value === 'number' || typeof value === 'boolean') result = String(value);
  else if (value && typeof value === 'object' && typeof (value as Json).name === 'string')
    result = (value as Json).name as string;
  return result !== undefined && max !== undefined ? result.slice(0, max) : result;
}

/** Unix seconds are told apart from milliseconds by size (seconds stay below 1e12 until the year 33658). */
function time(value: unknown): string | number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0)
    return Math.round(value < 1e12 ? value * 1000 : value);
  if (typeof value === 'string' && value.length <= 40) return /^\d+$/.test(value) ? time(Number(value)) : value;
  return undefined;
}

/** The records a webhook body holds: an array, {items|entries|data|records: [...]}, or one object. */
export function webhookRecords(body: unknown): Json[] {
  const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(body)) return body.filter(isRecord);
  if (!isRecord(body)) return [];
  for (const key of ['items', 'entries', 'data', 'records', 'events']) {
    const list = body[key];
    if (Array.isArray(list)) return list.filter(isRecord);
  }
  return [body];
}

export function toPushItem(record: Json): PushItem {
  const item: PushItem = {};
  const externalId = text(first(record, FIELDS.external_id), LIMITS.external_id);
  if (externalId) item.external_id = externalId;
  const url = text(first(record, FIELDS.url), LIMITS.url);
  if (url) item.url = url;
  const title = text(first(record, FIELDS.title), LIMITS.title);
  if (title) item.title = title;
  const content = text(first(record, FIELDS.content));
  if (content) item.content = content;
  const summary = text(first(record, FIELDS.summary), LIMITS.summary);
  if (summary && summary !== content) item.summary = summary;
  const author = text(first(record, FIELDS.author), LIMITS.author);
  if (author) item.author = author;
  const published = time(first(record, FIELDS.published_at));
  if (published !== undefined) item.published_at = published;
  const tags = first(record, FIELDS.tags);
  if (Array.isArray(tags))
    item.tags = tags
      .map((t) => text(t, 200))
      .filter((t): t is string => Boolean(t))
      .slice(0, 100);
  return item;
}
