// fetch_full_text against a real HTTP server on 127.0.0.1: a summary-only feed's new items get their pages'
// articles (Readability, or a per-domain selector rule) as content with the feed's text kept as the summary;
// failures (HTTP error, not HTML, no article, the SSRF guard) keep the feed's text and are counted; a later poll
// fetches no page again (conditional GET of the feed, and items already sent are not re-sent).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidSelector } from '../src/full-text/article-extract.js';
import { collectorSettingsSchema } from '../src/settings.js';
import {
  createTestCollector,
  startHttpServer,
  startSink,
  testSettings,
  type TestCollector,
  type TestHttpServer,
  type TestSink,
} from './helpers.js';

const STORY = 'The lighthouse keeper climbed the stairs at dusk and lit the great lamp for the ships in the bay. ';
const TEASER = 'Subscribe to our newsletter for the weekly digest of harbour news, offers and events in the region. ';

/** sluice_collector_full_text_fetches_total{outcome, reason} of a test collector. */
async function fetches(t: TestCollector, outcome: string, reason: string): Promise<number> {
  const metric = t.registry.getSingleMetric('sluice_collector_full_text_fetches_total');
  const values = metric ? (await metric.get()).values : [];
  return values.find((v) => v.labels.outcome === outcome && v.labels.reason === reason)?.value ?? 0;
}

function page(body: string): string {
  return `<!doctype html><html><head><title>Page</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>${body}<footer>Copyright footer text</footer></body></html>`;
}

const PAGES: Record<string, { type: string; body: string; status?: number }> = {
  '/articles/story': {
    type: 'text/html; charset=utf-8',
    body: page(`<div class="post"><h1>Lighthouse</h1>${`<p>${STORY.repeat(3)}</p>`.repeat(4)}</div>`),
  },
  '/articles/ruled': {
    type: 'text/html',
    body: page(
      `<div class="teaser"><p>${TEASER.repeat(6)}</p></div><div class="story-body"><p>${STORY.repeat(4)}</p></div>`,
    ),
  },
  '/articles/missing': { type: 'text/html', body: 'gone', status: 404 },
  '/articles/pdf': { type: 'application/pdf', body: '%PDF-1.4' },
  '/articles/empty': { type: 'text/html', body: page('<p>Short.</p>') },
};

function feed(base: string, links: string[]): string {
  const items = links
    .map(
      (link, i) =>
        `<item><title>Item ${i}</title><link>${link}</link><guid>g-${i}</guid><description>Feed summary ${i}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>${base}</link>${items}</channel></rss>`;
}

describe('fetch_full_text', () => {
  let server: TestHttpServer;
  let sink: TestSink;

  beforeAll(async () => {
    server = await startHttpServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/feed.xml' || path === '/guarded.xml') {
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304).end();
          return;
        }
        const base = `http://127.0.0.1:${server.port}`;
        const links = path === '/feed.xml' ? Object.keys(PAGES).map((p) => `${base}${p}`) : [`${base}/articles/story`];
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(feed(base, links));
        return;
      }
      if (path === '/no-etag.xml') {
        const base = `http://127.0.0.1:${server.port}`;
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(base, [`${base}/articles/story`]));
        return;
      }
      const found = PAGES[path];
      if (!found) return void res.writeHead(404).end();
      res.writeHead(found.status ?? 200, { 'content-type': found.type }).end(found.body);
    });
    sink = await startSink();
  });
  afterAll(async () => {
    await sink?.close();
    await server?.close();
  });

  it('uses each page article as content, keeps the feed summary, and falls back (counted) on failures', async () => {
    const t = createTestCollector(
      testSettings({
        full_text: { selector_rules: [{ domain: '127.0.0.1', selector: 'div.story-body' }] },
        sources: [
          {
            id: 'summaries',
            kind: 'feed',
            url: `${server.url}/feed.xml`,
            fetch_full_text: true,
            allow_private_network: true,
            rate_limit_per_minute: 60_000,
            rate_limit_burst: 100,
          },
        ],
      }),
      sink.address,
    );
    const { results } = await t.run();
    expect(results.map((r) => r.outcome)).toEqual(['ok']);
    const byLink = new Map(
      sink.items.filter((i) => i.source_id === 'summaries').map((i) => [new URL(i.url).pathname, i]),
    );
    expect(byLink.size).toBe(5);

    // Readability: the article without the navigation and the footer; the feed's text is the summary.
    const story = byLink.get('/articles/story')!;
    expect(story.content_type).toBe('text/html');
    expect(story.content).toContain('The lighthouse keeper climbed the stairs');
    expect(story.content).not.toContain('Copyright footer text');
    expect(story.content).not.toContain('News</a>');
    expect(story.summary).toBe('Feed summary 0');

    // The domain's selector rule: only the story body, not the teaser beside it.
    const ruled = byLink.get('/articles/ruled')!;
    expect(ruled.content).toContain('class="story-body"');
    expect(ruled.content).not.toContain('Subscribe to our newsletter');

    // Failures keep the feed's text.
    for (const path of ['/articles/missing', '/articles/pdf', '/articles/empty']) {
      expect(byLink.get(path)!.content).toBe('');
      expect(byLink.get(path)!.summary).toMatch(/^Feed summary \d$/);
    }
    expect(await fetches(t, 'extracted', 'extracted')).toBe(2);
    expect(await fetches(t, 'fallback', 'fetch_http_status')).toBe(1);
    expect(await fetches(t, 'fallback', 'not_html')).toBe(1);
    expect(await fetches(t, 'fallback', 'no_article')).toBe(1);

    // The next poll: 304 for the feed, no page fetched again.
    const pageHits = server.hits.get('/articles/story');
    const again = await t.run();
    expect(again.results[0]!.outcome).toBe('not_modified');
    expect(server.hits.get('/articles/story')).toBe(pageHits);
    await t.close();
  });

  it('never re-fetches pages of items already sent, even from a feed without validators', async () => {
    const t = createTestCollector(
      testSettings({
        sources: [
          {
            id: 'plain',
            kind: 'feed',
            url: `${server.url}/no-etag.xml`,
            fetch_full_text: true,
            skip_unchanged_items: false,
            allow_private_network: true,
            rate_limit_per_minute: 60_000,
            rate_limit_burst: 100,
          },
        ],
      }),
      sink.address,
    );
    const before = server.hits.get('/articles/story') ?? 0;
    await t.run();
    expect(server.hits.get('/articles/story')).toBe(before + 1);
    await t.run();
    expect(server.hits.get('/articles/story')).toBe(before + 1);
    expect(sink.items.filter((i) => i.source_id === 'plain')).toHaveLength(1);
    await t.close();
  });

  it('keeps the SSRF guard on article links: a private address is refused and the feed text kept', async () => {
    // The feed host is allowlisted by name; its item links to 127.0.0.1, which the guard refuses.
    const t = createTestCollector(
      testSettings({
        http: { private_network_allowlist: ['localhost'] },
        sources: [
          {
            id: 'guarded',
            kind: 'feed',
            url: `http://localhost:${server.port}/guarded.xml`,
            fetch_full_text: true,
            rate_limit_per_minute: 60_000,
            rate_limit_burst: 100,
          },
        ],
      }),
      sink.address,
    );
    const before = server.hits.get('/articles/story') ?? 0;
    const { results } = await t.run();
    expect(results[0]!.outcome).toBe('ok');
    const item = sink.items.find((i) => i.source_id === 'guarded')!;
    expect(item.content).toBe('');
    expect(item.summary).toBe('Feed summary 0');
    expect(server.hits.get('/articles/story') ?? 0).toBe(before);
    expect(await fetches(t, 'fallback', 'fetch_ssrf_blocked')).toBe(1);
    await t.close();
  });

  it('refuses an invalid selector rule at start-up', () => {
    expect(isValidSelector('article .body > p')).toBe(true);
    const parsed = collectorSettingsSchema.safeParse({
      full_text: { selector_rules: [{ domain: 'example.com', selector: 'div[[' }] },
    });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('not a valid CSS selector');
  });
});
