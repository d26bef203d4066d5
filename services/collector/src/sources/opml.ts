// An OPML feed list: every feed outline is fetched (conditional GET per feed) and its items are collected
// under this source. One failing feed does not stop the others; the run reports it as a source error.
// The cursor holds each feed's validators; it is checkpointed after every feed.
import { promises as fs } from 'node:fs';
import { parseOpml } from 'feedsmith';
import type { DeadLetter, RawItem } from '@sluice/protocol';
import { decodeBody } from '../http/charset.js';
import { SourceFetchError, toFetchError } from '../http/fetch-error.js';
import { header } from '../http/http-headers.js';
import { buildItem } from '../raw-item.js';
import type { SourceOf } from '../source-settings.js';
import { parseFeedDocument, recoveredProblem } from './feed-items.js';
import { chunked, type Chunk, type CollectContext } from './source-collector.js';

interface FeedValidators {
  etag?: string;
  last_modified?: string;
}

type Outline = { xmlUrl?: string; outlines?: Outline[] };

/** Feed URLs of an OPML document, depth first, without duplicates. */
export function opmlFeedUrls(document: string, base: string | undefined): string[] {
  let parsed: ReturnType<typeof parseOpml>;
  try {
    parsed = parseOpml(document);
  } catch (error) {
    throw new SourceFetchError('parse', `not a valid OPML document: ${(error as Error).message}`, { cause: error });
  }
  const urls = new Set<string>();
  const walk = (outlines: Outline[] | undefined) => {
    for (const outline of outlines ?? []) {
      if (outline.xmlUrl) {
        try {
          const url = new URL(outline.xmlUrl, base);
          if (url.protocol === 'http:' || url.protocol === 'https:') urls.add(url.toString());
        } catch {
          /* an outline with a broken URL is skipped */
        }
      }
      walk(outline.outlines);
    }
  };
  walk((parsed.body?.outlines ?? []) as Outline[]);
  return [...urls];
}

export async function* collectOpml(context: CollectContext<SourceOf<'opml'>>): AsyncIterable<Chunk> {
  const { source } = context;
  let document: string;
  if (source.path !== undefined) {
    const file = await context.resolvePath(source.path);
    try {
      document = await fs.readFile(file, 'utf8');
    } catch (error) {
      throw new SourceFetchError(
        'file',
        `cannot read ${source.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  } else {
    const response = await context.http.get(source.url!, {
      allowPrivate: context.allowPrivateNetwork,
      limiter: context.limiter,
      headers: source.headers,
      signal: context.signal,
    });
    document = decodeBody(response.body, header(response.headers, 'content-type'));
  }
  const feeds = opmlFeedUrls(document, source.url);
  const previous = ((context.state.cursor as { feeds?: Record<string, FeedValidators> } | undefined)?.feeds ??
    {}) as Record<string, FeedValidators>;
  const validators: Record<string, FeedValidators> = {};
  const failures: SourceFetchError[] = [];
  for (const feedUrl of feeds) {
    try {
      const response = await context.http.get(feedUrl, {
        allowPrivate: context.allowPrivateNetwork,
        limiter: context.limiter,
        headers: source.headers,
        etag: previous[feedUrl]?.etag,
        lastModified: previous[feedUrl]?.last_modified,
        signal: context.signal,
      });
      if (response.notModified) {
        validators[feedUrl] = previous[feedUrl] ?? {};
        continue;
      }
      const parsed = parseFeedDocument(
        decodeBody(response.body, header(response.headers, 'content-type')),
        response.url,
      );
      const items: RawItem[] = [];
      const deadLetters: DeadLetter[] = [];
      const collectedAt = context.now();
      for (const found of parsed.items) {
        // Feeds of one list may reuse guids: the feed URL scopes them.
        const built = buildItem(
          source,
          { ...found, externalId: `${feedUrl}#${found.externalId ?? found.url ?? ''}` },
          collectedAt,
        );
        if (built.ok) items.push(built.item);
        else deadLetters.push(built.deadLetter);
      }
      const problem = recoveredProblem(parsed, feedUrl);
      if (problem) yield { items: [], deadLetters: [], problems: [problem] };
      validators[feedUrl] = {
        etag: header(response.headers, 'etag'),
        last_modified: header(response.headers, 'last-modified'),
      };
      // A checkpoint after each feed: a run cancelled or stopped half-way resumes with conditional GETs for the
      // feeds already acknowledged (validators of feeds not reached yet are kept from the last run).
      yield* chunked(items, deadLetters, context.batchSize, { cursor: { feeds: { ...previous, ...validators } } });
    } catch (error) {
      const failure = toFetchError(error, feedUrl);
      if (failure.code === 'aborted') throw failure;
      failures.push(failure);
      context.logger.warn(
        { source_id: source.id, url: feedUrl, code: failure.code },
        `OPML feed failed: ${failure.message}`,
      );
    }
  }
  yield { items: [], deadLetters: [], checkpoint: { cursor: { feeds: validators } } };
  if (failures.length > 0) {
    const first = failures[0]!;
    throw new SourceFetchError(
      first.code,
      `${failures.length} of ${feeds.length} feeds failed; first: ${first.message}`,
      { url: first.url, httpStatus: first.httpStatus },
    );
  }
}
