// Property tests for record sources: JSONL lines, CSV rows and item JSON (the records of JSONL files and JSON
// APIs, mapped by field paths). Any line or record gives either an item or a dead letter with a stable reason
// (nothing thrown, nothing lost); item strings are well-formed and free of control characters; the line
// splitter cuts any byte stream into the same lines at the same offsets, however it is chunked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@sluice/service-kit';
import { fuzzRuns } from '../../../test/support/fuzz-runs.js';
import { SourceFetchError } from '../src/http/fetch-error.js';
import { buildItem, DEAD_LETTER_REASONS, type BuildResult } from '../src/raw-item.js';
import { sourceSchema, type SourceOf } from '../src/source-settings.js';
import { lines } from '../src/sources/bulk-file.js';
import { collectCsv } from '../src/sources/csv.js';
import { parseJsonlLine, recordToFound } from '../src/sources/jsonl.js';
import type { Chunk, CollectContext } from '../src/sources/source-collector.js';
import { sourcePathResolver } from '../src/sources/source-path.js';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const jsonl = sourceSchema.parse({ id: 'jl', kind: 'jsonl', path: 'x.jsonl' }) as SourceOf<'jsonl'>;
const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-records-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectClean(result: BuildResult): void {
  if (!result.ok) {
    expect(DEAD_LETTER_REASONS as readonly string[]).toContain(result.deadLetter.reason ?? '');
    expect(() => JSON.parse(result.deadLetter.payload_json ?? '')).not.toThrow();
    return;
  }
  const { item } = result;
  for (const text of [
    item.title,
    item.summary,
    item.content,
    item.author,
    item.url,
    item.external_id,
    item.language_hint,
    ...(item.tags ?? []),
  ].map((t) => t ?? '')) {
    expect(text.isWellFormed()).toBe(true);
    expect(CONTROL.test(text)).toBe(false);
  }
  expect(Number.isFinite(item.published_at_ms)).toBe(true);
  expect(item.title || item.summary || item.content).not.toBe('');
}

// Strings with everything hostile: lone surrogates, NULs and other controls, SQL, markup, huge numbers as text.
const nasty = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    "'; DROP TABLE items; --",
    '1 OR 1=1',
    '\u0000',
    '\uD800x',
    '<script>x</script>',
    '9'.repeat(400),
    '-1e999',
    'NaN',
    '__proto__',
    'constructor',
    '',
  ),
);
const deep = (depth: number) => fc.constant(JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown);
// JSON values as records hold them: wrong types in every field, huge and odd numbers, deep nesting.
const value: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, 0, -0, 1_794_300_000, 1_794_300_000_000),
  fc.bigInt().map((b) => Number(b)),
  fc.boolean(),
  fc.constant(null),
  fc.array(nasty, { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 4 }),
  deep(500),
);
const FIELDS = [
  'id',
  'url',
  'title',
  'summary',
  'content',
  'content_type',
  'author',
  'published_at',
  'tags',
  'language',
];
const record = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), nasty), value, { maxKeys: 12 });

describe('record source properties', () => {
  it('item JSON: any record maps to an item or a dead letter with a stable reason, with clean strings', () => {
    fc.assert(
      fc.property(record, (rec) => {
        expectClean(buildItem(jsonl, recordToFound(rec, jsonl.fields, 'jsonl'), 1));
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('JSONL: any line is a record, a skip, or an error (never a throw); records become items or dead letters', () => {
    const line = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
      record.map((r) => JSON.stringify(r)),
      record
        .map((r) => JSON.stringify(r))
        .chain((text) => fc.nat({ max: text.length }).map((cut) => text.slice(0, cut))), // truncated
      fc.constantFrom(
        '{"a":' + '['.repeat(100_000),
        '['.repeat(100_000) + ']'.repeat(100_000),
        '{"title":1e99999}',
        '{"title":"\\ud800"}',
        '{"title":"a\\u0000b"}',
        'null',
        '"string"',
        '42',
        '   ',
      ),
    );
    fc.assert(
      fc.property(line, (text) => {
        const started = performance.now();
        const parsed = parseJsonlLine(text);
        expect(performance.now() - started).toBeLessThan(5_000);
        const kinds = [parsed.record !== undefined, parsed.error !== undefined, parsed.skip === true].filter(Boolean);
        expect(kinds).toHaveLength(1);
        if (parsed.error !== undefined) expect(parsed.raw).toBe(text);
        if (parsed.record !== undefined) {
          expect(typeof parsed.record).toBe('object');
          expectClean(buildItem(jsonl, recordToFound(parsed.record, jsonl.fields, 'jsonl'), 1));
        }
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('the line splitter yields the same lines and byte offsets however the stream is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }).map((b) => b.map((x) => (x % 7 === 0 ? 10 : x % 11 === 0 ? 13 : x))),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 40 }),
        async (bytes, sizes) => {
          const chunks: Buffer[] = [];
          for (let at = 0, i = 0; at < bytes.length; i++) {
            const size = sizes[i % sizes.length]!;
            chunks.push(Buffer.from(bytes.subarray(at, at + size)));
            at += size;
          }
          const got: Array<[string, number]> = [];
          for await (const { text, endOffset } of lines(Readable.from(chunks), 0)) got.push([text, endOffset]);
          const expected: Array<[string, number]> = [];
          let start = 0;
          const whole = Buffer.from(bytes);
          for (let nl = whole.indexOf(10); nl !== -1; nl = whole.indexOf(10, start)) {
            const end = nl > start && whole[nl - 1] === 13 ? nl - 1 : nl;
            expected.push([whole.toString('utf8', start, end), nl + 1]);
            start = nl + 1;
          }
          // The last line may lack its '\n'; a '\r' that ends it is still a line ending.
          if (start < whole.length)
            expected.push([
              whole.toString('utf8', start, whole[whole.length - 1] === 13 ? whole.length - 1 : whole.length),
              whole.length,
            ]);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('CSV: every row becomes an item or a dead letter (none lost), quoted fields come back as written', async () => {
    const cell = fc.oneof(nasty, fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'x|y|z', ' padded ', '=1+1'));
    const row = fc.record({ title: cell, content: cell, tags: cell, extra: fc.nat({ max: 3 }) });
    const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), fc.boolean(), async (rows, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        // Rows with `extra` 1 get one field too many: a dead letter each. Empty lines are skipped by the parser.
        const text =
          [
            'title,content,tags',
            ...rows.map((r) =>
              [r.title, r.content, r.tags, ...(r.extra === 1 ? ['surplus'] : [])].map(quote).join(','),
            ),
          ].join(eol) + eol;
        const file = path.join(dir, `rows-${run++}.csv`);
        writeFileSync(file, text);
        const source = sourceSchema.parse({ id: 'csv', kind: 'csv', path: file }) as SourceOf<'csv'>;
        const chunks = await collectAll(source);
        const items = chunks.flatMap((c) => c.items);
        const letters = chunks.flatMap((c) => c.deadLetters);
        const wrongCount = rows.filter((r) => r.extra === 1).length;
        expect(letters.filter((d) => d.reason === 'invalid_record')).toHaveLength(wrongCount);
        expect(items.length + letters.length).toBe(rows.length);
        const kept = rows.filter((r) => r.extra !== 1);
        const built = kept.map((r) =>
          buildItem(
            source,
            {
              title: r.title,
              content: r.content,
              tags: r.tags
                .split('|')
                .map((t) => t.trim())
                .filter(Boolean),
            },
            1,
          ),
        );
        expect(items.map((i) => [i.title, i.content])).toEqual(
          built.filter((b) => b.ok).map((b) => b.ok && [b.item.title, b.item.content]),
        );
        for (const item of items) expectClean({ ok: true, item });
      }),
      { numRuns: fuzzRuns(60) },
    );
  });

  it('CSV: arbitrary bytes give items, dead letters, or a parse error, never anything else', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const file = path.join(dir, `bytes-${run++}.csv`);
        writeFileSync(file, Buffer.concat([Buffer.from('title,content\n'), Buffer.from(bytes)]));
        const source = sourceSchema.parse({ id: 'csv', kind: 'csv', path: file }) as SourceOf<'csv'>;
        try {
          for (const chunk of await collectAll(source)) for (const item of chunk.items) expectClean({ ok: true, item });
        } catch (error) {
          expect(error).toBeInstanceOf(SourceFetchError);
          expect((error as SourceFetchError).code).toBe('parse');
        }
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});

async function collectAll(source: SourceOf<'csv'>): Promise<Chunk[]> {
  const context: CollectContext<SourceOf<'csv'>> = {
    source,
    state: { cursor: undefined, etag: '', lastModified: '' },
    http: undefined as never, // local files only
    limiter: undefined as never,
    signal: new AbortController().signal,
    batchSize: 100,
    now: () => 1,
    logger: createLogger('records-property', 'silent'),
    resolvePath: sourcePathResolver('config', []),
    allowPrivateNetwork: false,
  };
  const chunks: Chunk[] = [];
  for await (const chunk of collectCsv(context)) chunks.push(chunk);
  return chunks;
}
