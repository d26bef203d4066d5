// Property tests for feed parsing: any bytes decode to a string; any document either yields items or throws
// SourceFetchError('parse') (never another error, never a hang); random feeds in every format, valid or
// damaged (unclosed, truncated, upper-cased, without channel title), in every encoding, give back their
// items' titles and links; and items built from whatever was read hold only clean, well-formed strings.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../../../test/support/fuzz-runs.js';
import { decodeBody } from '../src/http/charset.js';
import { SourceFetchError } from '../src/http/fetch-error.js';
import { buildItem } from '../src/raw-item.js';
import { sourceSchema } from '../src/source-settings.js';
import { parseFeedDocument, type ParsedFeed } from '../src/sources/feed-items.js';
import { corpusBytes, FEED_URL, loadCorpus } from './fixtures/feeds/corpus.js';

const source = sourceSchema.parse({ id: 'prop', kind: 'feed', url: FEED_URL });
const corpus = loadCorpus().map((entry) => corpusBytes(entry));
// Control characters RawItem strings never hold (tab and line breaks are text).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const TIME_LIMIT_MS = 5_000; // generous: the machine is shared; a hang or a quadratic blow-up is far beyond it

/** Parses as the feed source does; returns the feed, or the parse error's code. */
function parse(bytes: Uint8Array, contentType?: string): ParsedFeed | string {
  const started = performance.now();
  try {
    return parseFeedDocument(decodeBody(bytes, contentType), FEED_URL);
  } catch (error) {
    expect(error).toBeInstanceOf(SourceFetchError);
    return (error as SourceFetchError).code;
  } finally {
    expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
  }
}

function expectCleanItems(parsed: ParsedFeed): void {
  for (const found of parsed.items) {
    const built = buildItem(source, found, 1);
    if (!built.ok) {
      expect(['invalid_item', 'invalid_url']).toContain(built.deadLetter.reason);
      continue;
    }
    const { item } = built;
    for (const text of [
      item.title,
      item.summary,
      item.content,
      item.author,
      item.url,
      item.external_id,
      ...(item.tags ?? []),
    ].map((t) => t ?? '')) {
      expect(text.isWellFormed()).toBe(true);
      expect(CONTROL.test(text)).toBe(false);
    }
    expect(item.title || item.summary || item.content).not.toBe('');
  }
}

const INSERTS = [
  '\u0000',
  '\u001b',
  '\uFFFE',
  '\uD800',
  '&',
  '&nbsp;',
  '&#0;',
  '&#xD800;',
  '&#99999999;',
  '<',
  '</item>',
  '<item>',
  '<entry>',
  ']]>',
  '<![CDATA[',
  '<!ENTITY x SYSTEM "file:///etc/passwd">',
  '&x;',
  "' OR 1=1; DROP TABLE items; --",
  '1e999999',
  '<div>'.repeat(50),
];
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.constantFrom(...INSERTS),
  }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length);
    if (m.kind === 'flip' && out.length > 0) out[Math.min(at, out.length - 1)] = m.byte;
    else if (m.kind === 'cut') out = out.subarray(0, at);
    else if (m.kind === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.from(m.text), out.subarray(at)]);
    else if (m.kind === 'bytes') out = Buffer.concat([out.subarray(0, at), Buffer.from(m.bytes), out.subarray(at)]);
  }
  return out;
}

// Feed text fields: any characters XML can carry once escaped (no controls), SQL- and markup-looking ones included.
const fieldText = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.constantFrom(
      "Robert'); DROP TABLE items;--",
      '1 OR 1=1',
      '<script>alert(1)</script>',
      'Tom & Jerry',
      'x]]>y',
      '"quoted"',
      '1e309',
      '-0',
      'Ünïcödé 日本語 😀',
    ),
  )
  .map((t) =>
    t
      .replace(/[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
  .filter((t) => t.length > 0);
const item = fc.record({ title: fieldText, path: fc.stringMatching(/^[a-z0-9-]{1,12}$/), body: fieldText });
const FORMATS = ['rss', 'atom', 'rdf', 'atom03', 'json'] as const;
const DAMAGE = ['none', 'unclosed', 'truncated', 'uppercase', 'no_channel_title'] as const;

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function render(
  format: (typeof FORMATS)[number],
  items: Array<{ title: string; path: string; body: string }>,
  title: string,
): string {
  const link = (i: { path: string }) => `https://feed.example/${i.path}`;
  switch (format) {
    case 'json':
      return JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title,
        items: items.map((i, n) => ({ id: String(n), url: link(i), title: i.title, content_text: i.body })),
      });
    case 'rss':
      return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${esc(title)}</title><link>https://feed.example/</link><description>d</description>${items.map((i) => `<item><title>${esc(i.title)}</title><link>${link(i)}</link><description>${esc(i.body)}</description></item>`).join('')}</channel></rss>`;
    case 'rdf':
      return `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://feed.example/"><title>${esc(title)}</title><link>https://feed.example/</link></channel>${items.map((i) => `<item rdf:about="${link(i)}"><title>${esc(i.title)}</title><link>${link(i)}</link><description>${esc(i.body)}</description></item>`).join('')}</rdf:RDF>`;
    case 'atom':
      return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><id>urn:f</id><updated>2026-11-10T10:00:00Z</updated>${items.map((i, n) => `<entry><title>${esc(i.title)}</title><id>urn:${n}</id><link href="${link(i)}"/><updated>2026-11-01T10:00:00Z</updated><summary>${esc(i.body)}</summary></entry>`).join('')}</feed>`;
    case 'atom03':
      return `<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>${esc(title)}</title>${items.map((i, n) => `<entry><title>${esc(i.title)}</title><id>tag:x,2026:${n}</id><link rel="alternate" href="${link(i)}"/><issued>2026-11-01T10:00:00Z</issued><content mode="escaped">${esc(esc(i.body))}</content></entry>`).join('')}</feed>`;
  }
}

function damage(document: string, kind: (typeof DAMAGE)[number]): string {
  switch (kind) {
    case 'none':
      return document;
    case 'unclosed': // every item's closing tag and the document's end are missing
      return document.replace(/<\/(item|entry)>/g, '').replace(/<\/(channel|rss|feed|rdf:RDF)>/g, '');
    case 'truncated': // the document stops right after the last item
      return document.slice(0, Math.max(document.lastIndexOf('</item>') + 7, document.lastIndexOf('</entry>') + 8));
    case 'uppercase':
      return document.replace(
        /<(\/?)(item|title|link|channel|rss|description|entry|summary|feed)\b/g,
        (_, slash: string, name: string) => `<${slash}${name.toUpperCase()}`,
      );
    case 'no_channel_title':
      return document.replace(/<title>[^<]*<\/title>/, '');
  }
}

describe('feed parsing properties', () => {
  it('any bytes: items or a parse error, in bounded time, and only clean strings in built items', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.option(
          fc.constantFrom(
            'text/xml; charset=utf-8',
            'application/rss+xml; charset=iso-8859-1',
            'application/json',
            'text/html; charset=utf-16',
          ),
          { nil: undefined },
        ),
        (bytes, contentType) => {
          const parsed = parse(bytes, contentType);
          if (typeof parsed === 'string') expect(parsed).toBe('parse');
          else expectCleanItems(parsed);
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('mutated corpus documents (flipped bytes, cuts, control characters, entities, markup): items or a parse error', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: corpus.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (index, mutations) => {
          const parsed = parse(mutate(corpus[index]!, mutations));
          if (typeof parsed === 'string') expect(parsed).toBe('parse');
          else expectCleanItems(parsed);
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('random feeds in every format, valid or damaged, give back every complete item', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORMATS),
        fc.constantFrom(...DAMAGE),
        fc.array(item, { minLength: 1, maxLength: 6 }),
        fieldText,
        (format, kind, items, title) => {
          const document =
            format === 'json' ? render(format, items, title) : damage(render(format, items, title), kind);
          const parsed = parse(Buffer.from(document));
          expect(typeof parsed).not.toBe('string');
          const feed = parsed as ParsedFeed;
          expect(feed.items.map((i) => i.title?.trim())).toEqual(items.map((i) => i.title));
          expect(feed.items.map((i) => i.url)).toEqual(items.map((i) => `https://feed.example/${i.path}`));
          expect(feed.items.map((i) => (i.content ?? i.summary ?? '').trim())).toEqual(
            items.map((i) => (format === 'json' ? i.body : format === 'atom03' ? esc(i.body) : i.body)),
          );
          expectCleanItems(feed);
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  const ENCODINGS = [
    { name: 'utf-8', bom: [0xef, 0xbb, 0xbf] },
    { name: 'utf-16le', bom: [0xff, 0xfe] },
    { name: 'utf-16be', bom: [0xfe, 0xff] },
    { name: 'utf-32le', bom: [0xff, 0xfe, 0, 0] },
    { name: 'utf-32be', bom: [0, 0, 0xfe, 0xff] },
    { name: 'windows-1252', bom: [] },
    { name: 'iso-8859-15', bom: [] },
  ];
  it('any encoding, with or without BOM, declared rightly, wrongly or not at all, decodes to the same titles', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENCODINGS),
        fc.boolean(),
        fc.constantFrom('right', 'wrong', 'none'),
        fc.constantFrom('prolog', 'http'),
        fc.array(item, { minLength: 1, maxLength: 3 }),
        (encoding, withBom, declaration, where, items) => {
          const single = !encoding.name.startsWith('utf');
          // A single-byte charset holds only what it can encode; keep those items honest.
          const usable = single
            ? items.map((i) => ({
                ...i,
                title:
                  iconv
                    .decode(iconv.encode(i.title, encoding.name), encoding.name)
                    .replace(/\?/g, '')
                    .replace(/\s+/g, ' ')
                    .trim() || 'x',
                body: 'plain body',
              }))
            : items;
          const declared =
            declaration === 'right'
              ? encoding.name
              : declaration === 'wrong'
                ? encoding.name === 'utf-8'
                  ? 'iso-8859-1'
                  : 'utf-8'
                : undefined;
          let document = render('rss', usable, 'Feed');
          document =
            declared && where === 'prolog'
              ? document.replace('encoding="utf-8"', `encoding="${declared}"`)
              : document.replace(' encoding="utf-8"', '');
          const body = Buffer.concat([
            Buffer.from(withBom && !single ? encoding.bom : []),
            iconv.encode(document, encoding.name, { addBOM: false }),
          ]);
          const contentType = declared && where === 'http' ? `application/rss+xml; charset=${declared}` : undefined;
          // Undeclared (or wrongly declared) single-byte text can only be recognized as windows-1252, the fallback, and
          // only when its bytes are not also valid UTF-8 (then they are read as UTF-8).
          const parsed = parse(body, contentType);
          expect(typeof parsed).not.toBe('string');
          const titles = (parsed as ParsedFeed).items.map((i) => i.title?.trim());
          const ascii = usable.every((i) => /^[\x20-\x7e]*$/.test(i.title));
          if (!single || ascii || declaration === 'right' || (encoding.name === 'windows-1252' && !isUtf8(body)))
            expect(titles).toEqual(usable.map((i) => i.title.trim()));
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('deep nesting, huge documents of one tag, and entity bombs stay fast', () => {
    const depth = 100_000;
    for (const document of [
      `<rss><channel>${'<item><title>t</title>'.repeat(depth)}`,
      `<rss><channel><item><title>deep</title><description>${'<div>'.repeat(depth)}x</description></item></channel></rss>`,
      `${'<a>'.repeat(depth)}`,
      `<?xml version="1.0"?><!DOCTYPE r [${Array.from({ length: 10 }, (_, i) => `<!ENTITY e${i} "${`&e${i - 1};`.repeat(10)}">`).join('')}]><rss><channel><item><title>&e9;</title></item></channel></rss>`,
      `{"items":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      `{"items":[{"title":"n","id":1e999999,"url":"https://x.org/${'a'.repeat(100_000)}"}]}`,
    ]) {
      const parsed = parse(Buffer.from(document));
      if (typeof parsed === 'string') expect(parsed).toBe('parse');
      else {
        expectCleanItems(parsed);
        expect(JSON.stringify(parsed.items)).not.toContain('&e0;'.repeat(2));
      }
    }
  });
});

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
