// RSS 2.0, RSS 1.0/RDF, Atom and JSON Feed over HTTP, with conditional GET: an unchanged feed costs a 304.
import { createHash } from 'node:crypto';
import { decodeBody } from '../http/charset.js';
import { header } from '../http/http-headers.js';
import { buildItem } from '../raw-item.js';
import type { SourceOf } from '../source-settings.js';
import type { DeadLetter, RawItem } from '@sluice/protocol';
import { parseFeedDocument, recoveredProblem } from './feed-items.js';
import { chunked, type Chunk, type CollectContext } from './source-collector.js';

function fingerprint(text: string): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 12);
}

/** What identifies an unchanged item: its id and everything a reader would see. */
export function itemFingerprint(item: RawItem): string {
  return fingerprint(
    [item.id, item.title, item.url, item.summary, item.content, item.author, item.published_at_ms].join('\u0000'),
  );
}

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

export async function* collectFeed(context: CollectContext<SourceOf<'feed'>>): AsyncIterable<Chunk> {
  const { source, state } = context;
  const response = await context.http.get(source.url, {
    allowPrivate: context.allowPrivateNetwork,
    limiter: context.limiter,
    headers: source.headers,
    etag: state.etag || undefined,
    lastModified: state.lastModified || undefined,
    accept: FEED_ACCEPT,
    signal: context.signal,
  });
  if (response.notModified) {
    yield {
      items: [],
      deadLetters: [],
      notModified: true,
      checkpoint: { cursor: state.cursor, etag: state.etag, lastModified: state.lastModified },
    };
    return;
  }
  const body = decodeBody(response.body, header(response.headers, 'content-type'));
  const parsed = parseFeedDocument(body, response.url);
  const collectedAt = context.now();
  let items: RawItem[] = [];
  const deadLetters: DeadLetter[] = [];
  // Items already stored unchanged by an earlier poll are not sent again (servers without conditional GET).
  const previous = new Set((context.state.cursor as { seen?: string[] } | undefined)?.seen ?? []);
  const seen: string[] = [];
  for (const found of parsed.items) {
    const built = buildItem(source, found, collectedAt);
    const print = built.ok ? itemFingerprint(built.item) : fingerprint(built.deadLetter.payload_json ?? '');
    seen.push(print);
    // With full text, an item sent before is never sent again: re-sending it would replace its article.
    if ((source.skip_unchanged_items || source.fetch_full_text) && previous.has(print)) continue;
    if (built.ok) items.push(built.item);
    else deadLetters.push(built.deadLetter);
  }
  if (source.fetch_full_text && context.fullText)
    items = await context.fullText.enrich(items, {
      allowPrivate: context.allowPrivateNetwork,
      limiter: context.limiter,
      signal: context.signal,
    });
  const checkpoint = {
    cursor: { format: parsed.format, items: parsed.items.length, seen },
    etag: header(response.headers, 'etag') ?? '',
    lastModified: header(response.headers, 'last-modified') ?? '',
  };
  const problem = recoveredProblem(parsed, response.url);
  if (problem) yield { items: [], deadLetters: [], problems: [problem] };
  yield* chunked(items, deadLetters, context.batchSize, checkpoint);
}
