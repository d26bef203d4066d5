// Feed documents to FoundItems. The fast path is feedsmith (strict: RSS, Atom, RDF, JSON Feed), mapped here;
// when it rejects a document, or reads no item with any text, the lenient path (feed-lenient.ts) reads what
// a person would call the items. Relative links resolve against the feed's xml:base / link / fetch URL;
// missing dates stay 0 (unknown).
import { parseFeed } from 'feedsmith';
import { SourceFetchError } from '../http/fetch-error.js';
import { resolveUrl, type FoundItem } from '../raw-item.js';
import { countItemTags, NoItemsFound, parseFeedLeniently } from './feed-lenient.js';

type Loose = Record<string, any>; // feedsmith's types are deep unions; we read them defensively.

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Loose).value === 'string') return (value as Loose).value;
  return undefined;
}

function first<T>(values: T[] | undefined): T | undefined {
  return Array.isArray(values) ? values[0] : undefined;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json_feed' | 'cdf';
  title: string;
  items: FoundItem[];
  /** Set when the lenient path read the items: why the strict parser could not. */
  recovered?: string;
}

const hasText = (item: FoundItem) => Boolean(item.title?.trim() || item.summary?.trim() || item.content?.trim());

/**
 * Parses a feed document: strictly first, leniently when that fails or finds no item with text. Throws
 * SourceFetchError('parse') when neither finds an item.
 */
export function parseFeedDocument(body: string, fetchedUrl: string): ParsedFeed {
  let strict: ParsedFeed | undefined;
  let reason: string;
  try {
    strict = parseStrictFeed(body, fetchedUrl);
    const readable = strict.items.filter(hasText).length;
    // Cheap checks that the strict parser saw everything: as many items as the document has start tags for,
    // and no content in elements it does not read (xhtml:body, fullitem, Atom 0.3 base64).
    const tags = strict.format === 'json_feed' ? 0 : countItemTags(body);
    if (readable > 0 && tags <= strict.items.length)
      return mayHaveUnreadContent(strict, body) ? withLenientContent(strict, body, fetchedUrl) : strict;
    reason =
      readable > 0
        ? `the strict parser read ${strict.items.length} of ${tags} items`
        : strict.items.length === 0
          ? 'the strict parser found no items'
          : 'the strict parser found no item with a title, summary or content';
  } catch (error) {
    reason = `not a valid feed: ${(error as Error).message}`;
  }
  try {
    const lenient = parseFeedLeniently(body, fetchedUrl);
    if (strict && lenient.items.filter(hasText).length <= strict.items.filter(hasText).length) return strict;
    return { ...lenient, recovered: reason };
  } catch (error) {
    if (strict) return strict; // a valid, empty feed
    if (!(error instanceof NoItemsFound))
      throw new SourceFetchError('internal', `lenient feed parser failed: ${(error as Error).message}`, {
        url: fetchedUrl,
        cause: error,
      });
    throw new SourceFetchError('parse', `${reason}; lenient parser: ${error.message}`, {
      url: fetchedUrl,
      cause: error,
    });
  }
}

// Content elements feedsmith does not map: XHTML bodies and fullitem (looked for only when an item has no
// content), base64-encoded Atom 0.3 content.
const UNREAD_CONTENT = /<(?:[\w.-]+:)?(?:body|fullitem)[\s>]/i;
const BASE64_CONTENT = /\bmode\s*=\s*["']base64["']/i;

function mayHaveUnreadContent(strict: ParsedFeed, body: string): boolean {
  if (strict.format === 'json_feed') return false;
  return (
    (strict.items.some((item) => !item.content?.trim()) && UNREAD_CONTENT.test(body)) ||
    (strict.format === 'atom' && BASE64_CONTENT.test(body))
  );
}

/** The strict items, with content from the lenient reading where the strict one has none (or base64). */
function withLenientContent(strict: ParsedFeed, body: string, fetchedUrl: string): ParsedFeed {
  let lenient: ParsedFeed;
  try {
    lenient = parseFeedLeniently(body, fetchedUrl);
  } catch {
    return strict;
  }
  if (lenient.items.length !== strict.items.length) return strict;
  const base64 = BASE64_CONTENT.test(body);
  const items = strict.items.map((item, i) => {
    const content = lenient.items[i]!.content;
    return content?.trim() && (!item.content?.trim() || base64)
      ? { ...item, content, contentType: lenient.items[i]!.contentType }
      : item;
  });
  return { ...strict, items };
}

/** The source error that records a lenient read: what the strict parser said, and what was read instead. */
export function recoveredProblem(parsed: ParsedFeed, url: string): SourceFetchError | undefined {
  if (parsed.recovered === undefined) return undefined;
  const empty = parsed.items.filter((item) => !hasText(item)).length;
  const unread = empty > 0 ? `; ${empty} of them without a title, summary or content` : '';
  return new SourceFetchError(
    'parse_recovered',
    `${parsed.recovered}; the lenient parser read ${parsed.items.length} items as ${parsed.format}${unread}`,
    { url },
  );
}

/** The fast path alone: feedsmith's result mapped to FoundItems; throws what feedsmith throws. */
export function parseStrictFeed(body: string, fetchedUrl: string): ParsedFeed {
  const parsed = parseFeed(body);
  const feed = parsed.feed as Loose;
  switch (parsed.format) {
    case 'rss':
    case 'rdf': {
      const base = resolveUrl(feed.atom?.links?.find?.((l: Loose) => l.rel === 'self')?.href, fetchedUrl) || fetchedUrl;
      const siteBase = resolveUrl(feed.link, base) || base;
      const items = ((feed.items ?? []) as Loose[]).map((item): FoundItem => {
        const guid = text(item.guid) ?? item.rdf?.about;
        return {
          externalId: guid,
          url:
            resolveUrl(item.link ?? (item.guid?.isPermaLink !== false ? text(item.guid) : undefined), siteBase) ||
            undefined,
          title: item.title ?? item.dc?.titles?.[0],
          summary: item.description,
          content: item.content?.encoded,
          contentType: 'text/html',
          author:
            first(item.authors as Loose[] | undefined)?.name ??
            first(item.authors as string[] | undefined) ??
            first(item.dc?.creators),
          published: item.pubDate ?? first(item.dc?.dates) ?? item.dc?.date,
          tags: ((item.categories ?? []) as Loose[])
            .map((c) => c.name)
            .filter((n): n is string => typeof n === 'string'),
          sourceKind: parsed.format,
        };
      });
      return { format: parsed.format, title: text(feed.title) ?? '', items };
    }
    case 'atom': {
      const base = resolveUrl(feed.xml?.base, fetchedUrl) || fetchedUrl;
      const items = ((feed.entries ?? []) as Loose[]).map((entry): FoundItem => {
        const entryBase = resolveUrl(entry.xml?.base, base) || base;
        const links = (entry.links ?? []) as Loose[];
        const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
        const content = entry.content as Loose | undefined;
        return {
          externalId: entry.id,
          url: resolveUrl(link?.href, entryBase) || undefined,
          title: text(entry.title),
          summary: text(entry.summary),
          content: text(content),
          contentType: content?.type === 'text' ? 'text/plain' : 'text/html',
          author: first(entry.authors as Loose[] | undefined)?.name,
          published: entry.published ?? entry.updated,
          tags: ((entry.categories ?? []) as Loose[])
            .map((c) => c.label ?? c.term)
            .filter((n): n is string => typeof n === 'string'),
          sourceKind: 'atom',
        };
      });
      return { format: 'atom', title: text(feed.title) ?? '', items };
    }
    case 'json': {
      const base = resolveUrl(feed.home_page_url, fetchedUrl) || fetchedUrl;
      const items = ((feed.items ?? []) as Loose[]).map((item): FoundItem => ({
        externalId: item.id !== undefined ? String(item.id) : undefined,
        url: resolveUrl(item.url ?? item.external_url, base) || undefined,
        title: item.title,
        summary: item.summary,
        content: item.content_html ?? item.content_text,
        contentType: item.content_html ? 'text/html' : 'text/plain',
        author: first(item.authors as Loose[] | undefined)?.name ?? item.author?.name,
        published: item.date_published ?? item.date_modified,
        tags: Array.isArray(item.tags) ? item.tags.filter((t: unknown): t is string => typeof t === 'string') : [],
        language: item.language,
        sourceKind: 'json_feed',
      }));
      return { format: 'json_feed', title: feed.title ?? '', items };
    }
  }
}
