// fetch_full_text (docs/sources.md): a summary-only feed's new items get their linked page's article as content.
// Pages go through the collector's HttpClient like the feed itself (the source's and the host's rate limits, the
// host's breaker, retries, size limit, the SSRF guard on every redirect hop). The feed's own headers are not sent:
// they may carry the feed host's credentials. Any failure keeps the item as the feed gave it and is counted.
import type { RawItem } from '@sluice/protocol';
import type { HttpClient } from '../http/http-client.js';
import { header } from '../http/http-headers.js';
import { decodeBody } from '../http/charset.js';
import { toFetchError } from '../http/fetch-error.js';
import type { TokenBucket } from '../http/token-bucket.js';
import type { CollectorMetrics } from '../metrics.js';
import { extractArticle, type SelectorRule } from './article-extract.js';

/** Why an item kept the feed's text: a fetch error code, or one of these. */
export type FullTextOutcome = 'extracted' | 'no_link' | 'not_html' | 'no_article' | `fetch_${string}`;

export interface FullTextRequest {
  allowPrivate: boolean;
  limiter?: TokenBucket;
  signal?: AbortSignal;
}

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';
const HTML_TYPE = /html|xml/i;

export class FullTextFetcher {
  constructor(
    private readonly http: HttpClient,
    private readonly options: { rules: readonly SelectorRule[]; concurrency: number; metrics?: CollectorMetrics },
  ) {}

  /** The items with their pages' articles as content (HTML), the feed's summary kept; failures unchanged. */
  async enrich(items: readonly RawItem[], request: FullTextRequest): Promise<RawItem[]> {
    const out: RawItem[] = [...items];
    let next = 0;
    const worker = async () => {
      while (next < out.length && !request.signal?.aborted) {
        const i = next++;
        const { item, outcome } = await this.#enrichOne(out[i]!, request);
        out[i] = item;
        this.options.metrics?.fullText.inc({
          outcome: outcome === 'extracted' ? 'extracted' : 'fallback',
          reason: outcome,
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, out.length) }, worker));
    return out;
  }

  async #enrichOne(item: RawItem, request: FullTextRequest): Promise<{ item: RawItem; outcome: FullTextOutcome }> {
    if (!item.url) return { item, outcome: 'no_link' };
    let html: string;
    let pageUrl: string;
    try {
      const response = await this.http.get(item.url, { ...request, accept: PAGE_ACCEPT });
      const type = header(response.headers, 'content-type');
      if (type && !HTML_TYPE.test(type)) return { item, outcome: 'not_html' };
      html = decodeBody(response.body, type);
      pageUrl = response.url;
    } catch (error) {
      return { item, outcome: `fetch_${toFetchError(error, item.url).code}` };
    }
    const article = extractArticle(html, pageUrl, this.options.rules);
    if (!article) return { item, outcome: 'no_article' };
    // The feed's text stays as the summary (a feed that put it in content had no other summary).
    const summary = item.summary || item.content || '';
    return { item: { ...item, summary, content: article.html, content_type: 'text/html' }, outcome: 'extracted' };
  }
}
