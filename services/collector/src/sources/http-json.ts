// A generic JSON HTTP API: records at `items_path`, fields mapped by dot paths, pagination by cursor, page
// number or Link header, optional auth header whose value comes from an environment variable.
import type { DeadLetter, RawItem } from '@sluice/protocol';
import { buildItem } from '../raw-item.js';
import type { SourceOf } from '../source-settings.js';
import { SourceFetchError } from '../http/fetch-error.js';
import { header } from '../http/http-headers.js';
import { stringAt, valueAt } from './bulk-file.js';
import { getJson, linkRel, secretFromEnv } from './json-api-fetch.js';
import type { Chunk, CollectContext } from './source-collector.js';

export async function* collectHttpJson(context: CollectContext<SourceOf<'http_json'>>): AsyncIterable<Chunk> {
  const { source } = context;
  const headers: Record<string, string> = {};
  if (source.auth)
    headers[source.auth.header.toLowerCase()] = `${source.auth.prefix}${secretFromEnv(source.auth.env, source.id)}`;
  const pagination = source.pagination;
  let url: string | undefined = source.url;
  if (pagination.type === 'page') {
    const first = new URL(source.url);
    first.searchParams.set(pagination.param, String(pagination.start));
    url = first.toString();
  }
  let page = pagination.type === 'page' ? pagination.start : 0;
  let lastCursor: string | undefined;
  const saved = (context.state.cursor as { last_cursor?: string } | undefined)?.last_cursor;
  if (pagination.type === 'cursor' && source.resume_from_cursor && saved) {
    const resumed = new URL(source.url);
    resumed.searchParams.set(pagination.param, saved);
    url = resumed.toString();
    lastCursor = saved;
  }
  for (let fetched = 0; url && fetched < source.max_pages; fetched++) {
    const response = await getJson(context, url, headers);
    const records = valueAt(response.json, source.items_path);
    if (!Array.isArray(records))
      throw new SourceFetchError('parse', `no array at items_path "${source.items_path}"`, { url });
    const items: RawItem[] = [];
    const deadLetters: DeadLetter[] = [];
    const collectedAt = context.now();
    const f = source.fields;
    for (const record of records) {
      const tags = valueAt(record, f.tags);
      const built = buildItem(
        source,
        {
          externalId: stringAt(record, f.id),
          url: stringAt(record, f.url),
          title: stringAt(record, f.title),
          summary: stringAt(record, f.summary),
          content: stringAt(record, f.content),
          contentType: source.content_type,
          author: stringAt(record, f.author),
          published: valueAt(record, f.published_at),
          tags: Array.isArray(tags)
            ? tags.filter((t): t is string => typeof t === 'string')
            : typeof tags === 'string'
              ? [tags]
              : [],
        },
        collectedAt,
      );
      if (built.ok) items.push(built.item);
      else deadLetters.push(built.deadLetter);
    }
    if (items.length + deadLetters.length > 0) yield { items, deadLetters };
    if (records.length === 0) break;
    switch (pagination.type) {
      case 'none':
        url = undefined;
        break;
      case 'link':
        url = linkRel(header(response.headers, 'link'), response.url);
        break;
      case 'page': {
        page += 1;
        const next = new URL(response.url);
        next.searchParams.set(pagination.param, String(page));
        url = next.toString();
        break;
      }
      case 'cursor': {
        const cursor = stringAt(response.json, pagination.cursor_path);
        if (!cursor || cursor === lastCursor) url = undefined;
        else {
          lastCursor = cursor;
          const next = new URL(source.url);
          next.searchParams.set(pagination.param, cursor);
          url = next.toString();
        }
        break;
      }
    }
  }
  yield {
    items: [],
    deadLetters: [],
    checkpoint: { cursor: lastCursor !== undefined ? { last_cursor: lastCursor } : { pages: 'done' } },
  };
}
