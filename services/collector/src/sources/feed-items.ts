// Maps a parsed feed (feedsmith's RSS, Atom, RDF or JSON Feed shapes) to FoundItems. Relative links resolve
// against the feed's xml:base / link / fetch URL; missing dates stay 0 (unknown).
import { parseFeed } from 'feedsmith';
import { SourceFetchError } from '../http/fetch-error.js';
import { resolveUrl, type FoundItem } from '../raw-item.js';

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
  format: 'rss' | 'atom' | 'rdf' | 'json_feed';
  title: string;
  items: FoundItem[];
}

/** Parses a feed document; throws SourceFetchError('parse') for malformed or unrecognized documents. */
export function parseFeedDocument(body: string, fetchedUrl: string): ParsedFeed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body);
  } catch (error) {
    throw new SourceFetchError('parse', `not a valid feed: ${(error as Error).message}`, { url: fetchedUrl, cause: error });
  }
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
          url: resolveUrl(item.link ?? (item.guid?.isPermaLink !== false ? text(item.guid) : undefined), siteBase) || undefined,
          title: item.title ?? item.dc?.titles?.[0],
          summary: item.description,
          content: item.content?.encoded,
          contentType: 'text/html',
          author: first(item.authors as Loose[] | undefined)?.name ?? first(item.authors as string[] | undefined) ?? first(item.dc?.creators),
          published: item.pubDate ?? first(item.dc?.dates) ?? item.dc?.date,
          tags: ((item.categories ?? []) as Loose[]).map((c) => c.name).filter((n): n is string => typeof n === 'string'),
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
          tags: ((entry.categories ?? []) as Loose[]).map((c) => c.label ?? c.term).filter((n): n is string => typeof n === 'string'),
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
