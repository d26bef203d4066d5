// A local HTTP server standing in for feed publishers: RSS feeds of generated articles, plus faulty feeds.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const TOPICS = [
  [
    'technology',
    'software engineers shipped a faster database engine with new compiler optimizations and cloud computing features',
  ],
  [
    'science',
    'researchers published a study on climate physics, measuring ocean temperatures with new telescope and laboratory data',
  ],
  ['sports', 'the team won the championship game after the striker scored twice and the coach praised the defense'],
  [
    'health',
    'doctors reported that the new vaccine reduced hospital admissions and improved patient outcomes in the clinical trial',
  ],
  [
    'business',
    'shares rose after the company reported record quarterly revenue, profits and strong investor demand in markets',
  ],
  [
    'politics',
    'the senate passed the bill after lawmakers debated the election reform and the president promised to sign it',
  ],
] as const;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** RSS 2.0 with `count` items; item n of feed f is unique across feeds (distinct guid, URL and text). */
export function rssFeed(feed: number, count: number, baseUrl: string): string {
  const items: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const [topic, sentence] = TOPICS[(feed + n) % TOPICS.length]!;
    const serial = feed * 100_000 + n;
    const mood =
      n % 3 === 0
        ? 'This is wonderful, excellent news and a great success.'
        : n % 3 === 1
          ? 'Critics called it a terrible, awful failure and a disaster.'
          : 'Officials described the details.';
    const body = `<p>Report ${serial}: ${sentence}.</p><p>${mood} Item ${serial} of feed ${feed} about ${topic}, filed with reference code ${serial.toString(36)}.</p>`;
    items.push(`<item>
  <title>${escapeXml(`${topic} report ${serial}`)}</title>
  <link>${baseUrl}/articles/${feed}/${n}?utm_source=feed</link>
  <guid isPermaLink="false">feed-${feed}-item-${n}</guid>
  <pubDate>${new Date(Date.UTC(2026, 10, 1, 0, n)).toUTCString()}</pubDate>
  <description>${escapeXml(body)}</description>
</item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test feed ${feed}</title><link>${baseUrl}/</link><description>generated</description>
${items.join('\n')}
</channel></rss>`;
}

export interface FeedServer {
  url: string;
  requests: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Serves /feeds/<f>.xml (good feeds of `itemsPerFeed` items), /broken.xml (HTTP 500) and /malformed.xml
 * (invalid XML) on 127.0.0.1.
 */
export async function startFeedServer(itemsPerFeed: number): Promise<FeedServer> {
  const requests = new Map<string, number>();
  let baseUrl = '';
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.set(url, (requests.get(url) ?? 0) + 1);
    const feed = /^\/feeds\/(\d+)\.xml$/.exec(url);
    if (feed) {
      res
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end(rssFeed(Number(feed[1]), itemsPerFeed, baseUrl));
    } else if (url === '/broken.xml') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    } else if (url === '/malformed.xml') {
      // Ill-formed and without any item, so even the lenient parser finds nothing: a parse source error.
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end('<?xml version="1.0"?><rss><channel><title>oops</title><description>unclosed');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface AdjustableFeed {
  /** The feed's URL (http://127.0.0.1:<port>/feed.xml). */
  url: string;
  /** How many times the feed was fetched. */
  fetches(): number;
  /** Serves `count` items (feed 9's first `count`) from the next fetch on. */
  setItems(count: number): void;
  close(): Promise<void>;
}

/** One RSS feed that serves no item until the test says how many: a source whose next fetch brings new items. */
export async function startAdjustableFeed(): Promise<AdjustableFeed> {
  let items = 0;
  let fetches = 0;
  let baseUrl = '';
  const server = http.createServer((req, res) => {
    if (req.url !== '/feed.xml') return void res.writeHead(404).end();
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssFeed(9, items, baseUrl));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${baseUrl}/feed.xml`,
    fetches: () => fetches,
    setItems: (count) => {
      items = count;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
