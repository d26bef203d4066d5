// Liberal feed parsing through the whole collector: documents the strict parser rejects are served over
// real HTTP (feed sources and an OPML list) into a real gRPC sink. Their items arrive, the run succeeds, and
// a parse_recovered source error records why the strict parser failed; a document with no items at all
// fails the run with a recorded parse error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySourceStateStore } from '../src/source-state-store.js';
import { corpusBytes, loadCorpus } from './fixtures/feeds/corpus.js';
import {
  createTestCollector,
  startHttpServer,
  startSink,
  testSettings,
  type TestHttpServer,
  type TestSink,
} from './helpers.js';

const corpus = loadCorpus();
let server: TestHttpServer;
let sink: TestSink;

beforeAll(async () => {
  server = await startHttpServer((req, res) => {
    const name = new URL(req.url!, 'http://x').pathname.slice(1);
    if (name === 'list.opml') {
      const outlines = ['cdf-basic.cdf', 'rss20-basic.xml', 'enc-utf32be-nobom.xml']
        .map((f) => `<outline text="${f}" xmlUrl="/${f}"/>`)
        .join('');
      return void res
        .writeHead(200, { 'content-type': 'text/x-opml' })
        .end(`<?xml version="1.0"?><opml version="2.0"><head><title>l</title></head><body>${outlines}</body></opml>`);
    }
    const entry = corpus.find((e) => e.file === name);
    if (!entry) return void res.writeHead(404).end();
    res.writeHead(200, entry.content_type ? { 'content-type': entry.content_type } : {}).end(corpusBytes(entry));
  });
  sink = await startSink();
});

afterAll(async () => {
  await sink?.close();
  await server?.close();
});

const local = { allow_private_network: true, rate_limit_per_minute: 60_000, rate_limit_burst: 100 };
const feed = (id: string, file: string) => ({ id, kind: 'feed', url: `${server.url}/${file}`, ...local });

describe('liberal feed parsing in the collector', () => {
  it('collects what the strict parser rejects, records why, and fails only a document without items', async () => {
    const store = new MemorySourceStateStore();
    const t = createTestCollector(
      testSettings({
        sources: [
          feed('cdf', 'cdf-basic.cdf'),
          feed('truncated', 'rss20-truncated.xml'),
          feed('utf16', 'enc-utf16le-nobom.xml'),
          feed('strict', 'rss20-basic.xml'),
          feed('page', 'not-a-feed.html'),
          { id: 'list', kind: 'opml', url: `${server.url}/list.opml`, ...local },
        ],
      }),
      sink.address,
      store,
    );
    const { results } = await t.run();
    const outcome = Object.fromEntries(results.map((r) => [r.sourceId, r.outcome]));
    expect(outcome).toEqual({ cdf: 'ok', truncated: 'ok', utf16: 'ok', strict: 'ok', page: 'error', list: 'ok' });
    const titles = (id: string) => sink.items.filter((i) => i.source_id === id).map((i) => i.title);
    expect(titles('cdf')).toEqual(['Story 1', 'Story 2']);
    expect(sink.items.find((i) => i.source_id === 'cdf')).toMatchObject({
      source_kind: 'cdf',
      url: 'https://news.example.org/story/1',
      summary: 'Body of story 1.',
    });
    expect(titles('truncated')).toEqual(['Story 1', 'Story 2', 'Story 3']);
    expect(titles('utf16')).toEqual(['Grüße, café & naïve — “quotes”']);
    expect(titles('strict')).toEqual(['Story 1', 'Story 2', 'Story 3']);
    expect(titles('list').sort()).toEqual([
      'Grüße, café & naïve — “quotes”',
      'Story 1',
      'Story 1',
      'Story 2',
      'Story 2',
      'Story 3',
    ]);

    const errors = (id: string) => store.errors.filter((e) => e.source_id === id).map((e) => [e.code, e.message]);
    expect(errors('cdf')).toEqual([
      ['parse_recovered', 'not a valid feed: Unrecognized feed format; the lenient parser read 2 items as cdf'],
    ]);
    expect(errors('truncated')).toEqual([
      ['parse_recovered', expect.stringMatching(/^not a valid feed: .*; the lenient parser read 3 items as rss$/)],
    ]);
    expect(errors('utf16')).toEqual([]);
    expect(errors('strict')).toEqual([]);
    expect(errors('list')).toEqual([['parse_recovered', expect.stringContaining('read 2 items as cdf')]]);
    expect(store.errors.find((e) => e.source_id === 'list')?.url).toBe(`${server.url}/cdf-basic.cdf`);
    expect(errors('page')).toEqual([
      ['parse', 'not a valid feed: Unrecognized feed format; lenient parser: no item or entry elements'],
    ]);
    // A recovered document is not a failure: no backoff, no last_error.
    expect(store.states.get('cdf')).toMatchObject({ consecutive_errors: 0, last_error: '' });
    expect(store.states.get('page')).toMatchObject({ consecutive_errors: 1 });
    await t.close();
  });
});
