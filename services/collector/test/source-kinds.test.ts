// Every source kind against local servers standing in for the real APIs, into a real gRPC sink.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySourceStateStore } from '../src/source-state-store.js';
import {
  atomFeed,
  createTestCollector,
  rssFeed,
  startHttpServer,
  startSink,
  testSettings,
  type TestHttpServer,
  type TestSink,
} from './helpers.js';

let api: TestHttpServer;
let sink: TestSink;
let dir: string;
const seenHeaders = new Map<string, Record<string, string | string[] | undefined>>();

const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link></channel>
<item rdf:about="https://rdf.example/1"><title>First RDF</title><link>https://rdf.example/1</link><description>d1</description><dc:date>2026-11-01T00:00:00Z</dc:date><dc:creator>Rita</dc:creator></item>
<item rdf:about="https://rdf.example/2"><title>Second RDF</title><link>https://rdf.example/2</link></item></rdf:RDF>`;
const jsonFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JF',
  home_page_url: 'https://jf.example/',
  items: [
    {
      id: 'j1',
      url: '/posts/1',
      title: 'JSON one',
      content_html: '<p>one</p>',
      date_published: '2026-11-02T00:00:00Z',
      tags: ['a'],
    },
    { id: 'j2', title: '', content_text: '' },
  ],
});
const latinFeed = iconv.encode(
  `<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Caf\u00e9</title><item><guid>c1</guid><title>Cr\u00e8me br\u00fbl\u00e9e \u2013 recipe</title><link>https://latin.example/1</link></item></channel></rss>`,
  'windows-1252',
);

function json(res: import('node:http').ServerResponse, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-kinds-'));
  api = await startHttpServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    seenHeaders.set(url.pathname, req.headers);
    const p = url.pathname;
    if (p === '/rdf') return void res.writeHead(200, { 'content-type': 'application/rdf+xml' }).end(rdf);
    if (p === '/jsonfeed') return void res.writeHead(200, { 'content-type': 'application/feed+json' }).end(jsonFeed);
    // Declares UTF-8 in HTTP but the bytes are windows-1252, as the prolog says.
    if (p === '/latin')
      return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(latinFeed);
    if (p === '/opml/a') return void res.writeHead(200).end(rssFeed('oa', 3));
    if (p === '/opml/b') return void res.writeHead(200).end(atomFeed('ob', 2));
    if (p === '/opml/broken') return void res.writeHead(500).end();
    if (p === '/list.opml') {
      return void res
        .writeHead(200, { 'content-type': 'text/x-opml' })
        .end(
          `<?xml version="1.0"?><opml version="2.0"><head><title>list</title></head><body><outline text="a" type="rss" xmlUrl="/opml/a"/><outline text="group"><outline text="b" type="rss" xmlUrl="/opml/b"/><outline text="x" type="rss" xmlUrl="/opml/broken"/></outline></body></opml>`,
        );
    }
    if (p === '/v0/topstories.json') return json(res, [101, 102, 103, 104]);
    const hn = /^\/v0\/item\/(\d+)\.json$/.exec(p);
    if (hn) {
      const id = Number(hn[1]);
      if (id === 103) return json(res, null);
      if (id === 104) return json(res, { id, deleted: true });
      return json(res, {
        id,
        type: 'story',
        title: `HN story ${id}`,
        url: id === 101 ? 'https://hn-linked.example/a' : undefined,
        text: id === 102 ? '<p>Ask HN</p>' : undefined,
        by: 'pg',
        time: 1_794_300_000,
        score: 42,
        descendants: 7,
      });
    }
    if (p === '/r/typescript/new.json') {
      const after = url.searchParams.get('after');
      const page = (names: string[], next: string | null) => ({
        kind: 'Listing',
        data: {
          after: next,
          children: names.map((name, i) => ({
            kind: 't3',
            data: {
              name,
              id: name.slice(3),
              title: `Post ${name}`,
              selftext: i === 0 ? 'self text' : '',
              url: `https://r.example/${name}`,
              permalink: `/r/typescript/comments/${name}/`,
              author: 'u',
              created_utc: 1_794_300_000,
              score: 5,
              num_comments: 2,
            },
          })),
        },
      });
      if (!after) return json(res, page(['t3_e', 't3_d', 't3_c'], 't3_c'));
      if (after === 't3_c') return json(res, page(['t3_b', 't3_a'], null));
      return json(res, page([], null));
    }
    if (p === '/repos/acme/tool/releases') {
      const pageNo = Number(url.searchParams.get('page') ?? 1);
      const link = pageNo === 1 ? `<${api.url}/repos/acme/tool/releases?per_page=100&page=2>; rel="next"` : '';
      const releases =
        pageNo === 1
          ? [
              {
                id: 1,
                tag_name: 'v2.0.0',
                name: 'Two',
                body: 'notes 2',
                html_url: 'https://gh.example/acme/tool/releases/v2.0.0',
                published_at: '2026-11-01T00:00:00Z',
                author: { login: 'dev' },
              },
              { id: 9, tag_name: 'v3-draft', draft: true, body: 'x' },
            ]
          : [
              {
                id: 2,
                tag_name: 'v1.0.0',
                name: '',
                body: 'notes 1',
                html_url: 'https://gh.example/acme/tool/releases/v1.0.0',
                published_at: '2026-10-01T00:00:00Z',
              },
            ];
      return json(res, releases, link ? { link } : {});
    }
    if (p === '/api/cursor') {
      if (req.headers['x-api-key'] !== 'k-secret') return void res.writeHead(401).end();
      const cursor = url.searchParams.get('after');
      const pages: Record<string, { items: unknown[]; next: string | null }> = {
        '': {
          items: [
            {
              key: 'c1',
              headline: 'Cursor one',
              link: 'https://api.example/c1',
              meta: { when: '2026-11-03T00:00:00Z' },
            },
          ],
          next: 'p2',
        },
        p2: { items: [{ key: 'c2', headline: 'Cursor two', link: 'https://api.example/c2' }], next: null },
      };
      const page = pages[cursor ?? '']!;
      return json(res, { data: { results: page.items }, paging: { next: page.next } });
    }
    if (p === '/api/pages') {
      const n = Number(url.searchParams.get('p'));
      return json(res, n <= 2 ? [{ id: `pg${n}`, title: `Page ${n}`, body: 'b' }] : []);
    }
    if (p === '/api/link') {
      const n = Number(url.searchParams.get('n') ?? 1);
      return json(
        res,
        [{ id: `ln${n}`, title: `Link ${n}` }],
        n < 3 ? { link: `</api/link?n=${n + 1}>; rel="next"` } : {},
      );
    }
    if (p === '/data.csv.gz') {
      const csv =
        'id,title,content,url,tags\nr1,Row one,"text, with comma",https://csv.example/1,a|b\nr2,Row two,"multi\nline",https://csv.example/2,\nr3,too,few\n';
      return void res.writeHead(200, { 'content-type': 'application/gzip' }).end(zlib.gzipSync(csv));
    }
    res.writeHead(404).end();
  });
  sink = await startSink();
  process.env.SLUICE_TEST_API_KEY = 'k-secret';
  process.env.SLUICE_TEST_GH_TOKEN = 'gh-token';
});

afterAll(async () => {
  await sink.close();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
  delete process.env.SLUICE_TEST_API_KEY;
  delete process.env.SLUICE_TEST_GH_TOKEN;
});

const local = { allow_private_network: true, rate_limit_per_minute: 60_000, rate_limit_burst: 100 };
const bySource = (id: string) => sink.items.filter((i) => i.source_id === id);

describe('source kinds', () => {
  it('collects RSS 1.0/RDF, JSON Feed and a feed in a wrong declared charset', async () => {
    const t = createTestCollector(
      testSettings({
        sources: [
          { id: 'rdf', kind: 'feed', url: `${api.url}/rdf`, ...local },
          { id: 'jf', kind: 'feed', url: `${api.url}/jsonfeed`, ...local },
          { id: 'latin', kind: 'feed', url: `${api.url}/latin`, ...local },
        ],
      }),
      sink.address,
    );
    const { results } = await t.run();
    expect(results.map((r) => r.outcome)).toEqual(['ok', 'ok', 'ok']);
    expect(bySource('rdf').map((i) => [i.source_kind, i.title, i.author])).toEqual([
      ['rdf', 'First RDF', 'Rita'],
      ['rdf', 'Second RDF', ''],
    ]);
    expect(bySource('rdf')[0]!.published_at_ms).toBe(Date.parse('2026-11-01T00:00:00Z'));
    const jf = bySource('jf');
    expect(jf).toHaveLength(1);
    expect(jf[0]).toMatchObject({ source_kind: 'json_feed', url: 'https://jf.example/posts/1', content: '<p>one</p>' });
    expect(sink.deadLetters.filter((d) => d.source_id === 'jf').map((d) => d.reason)).toEqual(['invalid_item']);
    expect(bySource('latin')[0]!.title).toBe('Crème brûlée – recipe');
    await t.close();
  });

  it('imports an OPML list: each feed collected, a failing one recorded without losing the others', async () => {
    const store = new MemorySourceStateStore();
    const t = createTestCollector(
      testSettings({ sources: [{ id: 'opml', kind: 'opml', url: `${api.url}/list.opml`, ...local }] }),
      sink.address,
      store,
    );
    const { results } = await t.run();
    expect(results[0]!.outcome).toBe('error');
    expect(results[0]!.error?.code).toBe('http_status');
    expect(bySource('opml')).toHaveLength(5);
    expect(new Set(bySource('opml').map((i) => i.source_kind))).toEqual(new Set(['rss', 'atom']));
    expect(store instanceof MemorySourceStateStore && store.errors.map((e) => e.source_id)).toEqual(['opml']);
    await t.close();
  });

  it('collects Hacker News stories with engagement, skipping deleted ones', async () => {
    const t = createTestCollector(
      testSettings({
        sources: [{ id: 'hn', kind: 'hacker_news', list: 'top', base_url: `${api.url}/v0`, max_items: 4, ...local }],
      }),
      sink.address,
    );
    await t.run();
    const hn = bySource('hn');
    expect(hn.map((i) => i.external_id).sort()).toEqual(['101', '102']);
    const ask = hn.find((i) => i.external_id === '102')!;
    expect(ask).toMatchObject({
      url: 'https://news.ycombinator.com/item?id=102',
      content: '<p>Ask HN</p>',
      author: 'pg',
      engagement: { points: 42, comments: 7 },
    });
    expect(ask.published_at_ms).toBe(1_794_300_000_000);
    await t.close();
  });

  it('follows Reddit `after` pagination and stops at the newest post of the previous run', async () => {
    const store = new MemorySourceStateStore();
    const t = createTestCollector(
      testSettings({
        sources: [{ id: 'rd', kind: 'reddit', subreddit: 'typescript', base_url: api.url, max_pages: 5, ...local }],
      }),
      sink.address,
      store,
    );
    const first = await t.run();
    expect(first.progress.collected).toBe(5);
    expect(bySource('rd')[0]).toMatchObject({
      external_id: 't3_e',
      engagement: { points: 5, comments: 2 },
      attributes: { subreddit: 'typescript', discussion_url: 'https://www.reddit.com/r/typescript/comments/t3_e/' },
    });
    expect(JSON.parse(store instanceof MemorySourceStateStore ? store.states.get('rd')!.cursor_json : '')).toEqual({
      newest: 't3_e',
    });
    const second = await t.run();
    expect(second.progress.collected).toBe(0);
    await t.close();
  });

  it('collects GitHub releases across Link pages with the token from the environment', async () => {
    const t = createTestCollector(
      testSettings({
        sources: [
          {
            id: 'gh',
            kind: 'github',
            repo: 'acme/tool',
            base_url: api.url,
            token_env: 'SLUICE_TEST_GH_TOKEN',
            ...local,
          },
        ],
      }),
      sink.address,
    );
    await t.run();
    expect(bySource('gh').map((i) => i.title)).toEqual(['Two', 'v1.0.0']);
    expect(bySource('gh')[0]!.tags).toContain('release');
    expect(seenHeaders.get('/repos/acme/tool/releases')!.authorization).toBe('Bearer gh-token');
    await t.close();
  });

  it('maps a generic JSON API with cursor, page-number and Link pagination and an auth header from env', async () => {
    const t = createTestCollector(
      testSettings({
        sources: [
          {
            id: 'cur',
            kind: 'http_json',
            url: `${api.url}/api/cursor`,
            items_path: 'data.results',
            fields: { id: 'key', title: 'headline', url: 'link', published_at: 'meta.when' },
            pagination: { type: 'cursor', cursor_path: 'paging.next', param: 'after' },
            auth: { header: 'X-Api-Key', env: 'SLUICE_TEST_API_KEY' },
            ...local,
          },
          {
            id: 'pg',
            kind: 'http_json',
            url: `${api.url}/api/pages`,
            fields: { content: 'body' },
            pagination: { type: 'page', param: 'p', start: 1 },
            ...local,
          },
          { id: 'ln', kind: 'http_json', url: `${api.url}/api/link?n=1`, pagination: { type: 'link' }, ...local },
          {
            id: 'noenv',
            kind: 'http_json',
            url: `${api.url}/api/cursor`,
            auth: { env: 'SLUICE_TEST_MISSING' },
            ...local,
          },
        ],
      }),
      sink.address,
    );
    const { results } = await t.run();
    expect(bySource('cur').map((i) => [i.external_id, i.title, i.url])).toEqual([
      ['c1', 'Cursor one', 'https://api.example/c1'],
      ['c2', 'Cursor two', 'https://api.example/c2'],
    ]);
    expect(bySource('cur')[0]!.published_at_ms).toBe(Date.parse('2026-11-03T00:00:00Z'));
    expect(bySource('pg').map((i) => i.external_id)).toEqual(['pg1', 'pg2']);
    expect(bySource('ln').map((i) => i.external_id)).toEqual(['ln1', 'ln2', 'ln3']);
    expect(results.find((r) => r.sourceId === 'noenv')!.error?.code).toBe('config');
    await t.close();
  });

  it('streams a gzip CSV from a URL and a gzip JSONL file, dead-lettering bad rows', async () => {
    const jsonl = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({ id: `g${i}`, title: `Gz ${i}`, tags: 'one' }),
    ).join('\n');
    writeFileSync(path.join(dir, 'items.jsonl.gz'), zlib.gzipSync(jsonl));
    const t = createTestCollector(
      testSettings({
        sources: [
          { id: 'csv', kind: 'csv', url: `${api.url}/data.csv.gz`, ...local },
          { id: 'gz', kind: 'jsonl', path: path.join(dir, 'items.jsonl.gz'), batch_size: 20 },
        ],
      }),
      sink.address,
    );
    const { results } = await t.run();
    expect(results.map((r) => r.outcome)).toEqual(['ok', 'ok']);
    expect(bySource('csv').map((i) => [i.external_id, i.content, i.tags])).toEqual([
      ['r1', 'text, with comma', ['a', 'b']],
      ['r2', 'multi\nline', []],
    ]);
    expect(sink.deadLetters.filter((d) => d.source_id === 'csv').map((d) => d.reason)).toEqual(['invalid_record']);
    expect(bySource('gz')).toHaveLength(50);
    expect(bySource('gz')[0]!.tags).toEqual(['one']);
    // A second run of the gzip file resumes by line count: nothing new.
    const again = await t.run(['gz']);
    expect(again.progress.collected).toBe(0);
    await t.close();
  });
});
