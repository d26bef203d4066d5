// RSS 2.0, RSS 1.0/RDF, Atom and JSON Feed over HTTP, with conditional GET: an unchanged feed costs a 304.
import { decodeBody } from '../http/charset.js';
import { header } from '../http/http-client.js';
import { buildItem } from '../raw-item.js';
import type { SourceOf } from '../settings.js';
import type { DeadLetter, RawItem } from '@sluice/protocol';
import { parseFeedDocument } from './feed-items.js';
import { chunked, type Chunk, type CollectContext } from './source-collector.js';

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

export async function* collectFeed(context: CollectContext<SourceOf<'feed'>>): AsyncIterable<Chunk> {
  const { source, state } = context;
  const response = await context.http.get(source.url, {
    allowPrivate: source.allow_private_network,
    limiter: context.limiter,
    headers: source.headers,
    etag: state.etag || undefined,
    lastModified: state.lastModified || undefined,
    accept: FEED_ACCEPT,
    signal: context.signal,
  });
  if (response.notModified) {
    yield { items: [], deadLetters: [], notModified: true, checkpoint: { cursor: state.cursor, etag: state.etag, lastModified: state.lastModified } };
    return;
  }
  const body = decodeBody(response.body, header(response.headers, 'content-type'));
  const parsed = parseFeedDocument(body, response.url);
  const collectedAt = context.now();
  const items: RawItem[] = [];
  const deadLetters: DeadLetter[] = [];
  for (const found of parsed.items) {
    const built = buildItem(source, found, collectedAt);
    if (built.ok) items.push(built.item);
    else deadLetters.push(built.deadLetter);
  }
  const checkpoint = {
    cursor: { format: parsed.format, items: parsed.items.length },
    etag: header(response.headers, 'etag') ?? '',
    lastModified: header(response.headers, 'last-modified') ?? '',
  };
  yield* chunked(items, deadLetters, context.batchSize, checkpoint);
}
