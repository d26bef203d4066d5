// Property tests: HTML → text never throws on any string, keeps its promises about the output (no control
// characters, well-formed UTF-16, one line where one line is promised), never leaks script/style text, keeps
// the visible words in order, and stays fast on deeply nested and truncated documents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, isLongFuzzRun } from '../../../test/support/fuzz-runs.js';
import { flatText } from '../src/flat-text.js';
import { extractText, htmlToLine, htmlToText } from '../src/html-text.js';
import { normalizeLine } from '../src/whitespace.js';

// Everything but \n (text keeps paragraphs) and nothing at all in lines.
const CONTROL_IN_TEXT = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;

/** Any UTF-16 string: lone surrogates, NULs, C1 controls and markup-looking pieces included. */
const anyText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        '<',
        '>',
        '&',
        ';',
        '#',
        'x',
        '<!--',
        '-->',
        '<![CDATA[',
        ']]>',
        '<script>',
        '</script>',
        '<p>',
        '</div>',
        '&amp',
        '&#0;',
        '&#xD800;',
        '&#1114112;',
        '\u0000',
        '\uD800',
        'a',
        ' ',
        '"',
        "'",
        '=',
        '/',
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join('')),
);

const word = fc.stringMatching(/^[a-z]{1,8}$/);
const VISIBLE = [
  'p',
  'div',
  'span',
  'b',
  'i',
  'em',
  'a',
  'h2',
  'li',
  'ul',
  'section',
  'blockquote',
  'td',
  'pre',
] as const;
const HIDDEN = ['script', 'style', 'noscript', 'template', 'svg', 'iframe'] as const;

type Node =
  | { kind: 'text'; words: string[] }
  | { kind: 'element'; tag: string; children: Node[] }
  | { kind: 'hidden'; tag: string };

const tree = fc.letrec<{ node: Node; children: Node[] }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('text' as const), words: fc.array(word, { minLength: 1, maxLength: 5 }) }),
    fc.record({ kind: fc.constant('element' as const), tag: fc.constantFrom(...VISIBLE), children: tie('children') }),
    fc.record({ kind: fc.constant('hidden' as const), tag: fc.constantFrom(...HIDDEN) }),
  ),
  children: fc.array(tie('node'), { maxLength: 4 }) as fc.Arbitrary<Node[]>,
})).children;

const HIDDEN_MARK = 'zzhiddenzz';
function render(nodes: Node[]): string {
  return nodes
    .map((n) =>
      n.kind === 'text'
        ? ` ${n.words.join(' ')} `
        : n.kind === 'hidden'
          ? `<${n.tag}>${HIDDEN_MARK}${n.tag === 'script' || n.tag === 'style' ? ' if (a < b && c) { x = "</p>"; }' : ' <b>bold</b>'}</${n.tag}>`
          : `<${n.tag}>${render(n.children)}</${n.tag}>`,
    )
    .join('');
}
function visibleWords(nodes: Node[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'text' ? n.words : n.kind === 'element' ? visibleWords(n.children) : []));
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function expectCleanText(text: string): void {
  expect(CONTROL_IN_TEXT.test(text)).toBe(false);
  expect(text.isWellFormed()).toBe(true);
  expect(text).toBe(text.trim());
}

describe('HTML to text properties', () => {
  it('never throws; text has no control characters and no lone surrogates; a line has no line breaks', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const text = htmlToText(input);
        expectCleanText(text);
        expectCleanText(extractText(input).text);
        const line = htmlToLine(input);
        expect(CONTROL_IN_LINE.test(line)).toBe(false);
        expect(line.isWellFormed()).toBe(true);
        expect(line).not.toMatch(/\s{2}/);
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('keeps every visible word in order and never leaks script/style/template text', () => {
    fc.assert(
      fc.property(tree, (nodes) => {
        const html = `<body>${render(nodes)}</body>`;
        const words = visibleWords(nodes);
        for (const out of [htmlToText(html), htmlToLine(html)]) {
          expect(out).not.toContain(HIDDEN_MARK);
          expect(out.split(/[\s-]+/).filter(Boolean)).toEqual(words);
        }
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('the flattened text of a too-deep document has the same visible words and no hidden text', () => {
    fc.assert(
      fc.property(tree, (nodes) => {
        const out = flatText(`<body>${render(nodes)}</body>`);
        expect(out).not.toContain(HIDDEN_MARK);
        expect(out.split(/[\s-]+/).filter(Boolean)).toEqual(visibleWords(nodes));
      }),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('escaped plain text comes back as the text itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        expect(htmlToLine(escapeHtml(text))).toBe(normalizeLine(text));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('every truncation of a document parses, and deep nesting neither overflows the stack nor takes long', () => {
    fc.assert(
      fc.property(tree, fc.double({ min: 0, max: 1, noNaN: true }), (nodes, cut) => {
        const html = `<html><body><article>${render(nodes)}</article></body></html>`;
        const prefix = html.slice(0, Math.floor(html.length * cut));
        expectCleanText(htmlToText(prefix));
        expect(htmlToLine(prefix)).not.toContain(HIDDEN_MARK);
      }),
      { numRuns: fuzzRuns(200) },
    );
    // Parsing is quadratic in depth (htmlparser2's stack), so deep documents are flattened: linear, same words.
    const depth = isLongFuzzRun() ? 400_000 : 100_000;
    for (const tag of ['div', 'b', 'script', 'article', 'p']) {
      for (const nested of [
        `${`<${tag}>`.repeat(depth)}deep words${`</${tag}>`.repeat(depth)}`,
        `<p>deep words</p>${`<${tag} class="x">`.repeat(depth)}`,
      ]) {
        const started = performance.now();
        expect(htmlToText(nested)).toBe(tag === 'script' && nested.startsWith('<script') ? '' : 'deep words');
        expect(htmlToLine(nested)).toBe(tag === 'script' && nested.startsWith('<script') ? '' : 'deep words');
        expect(performance.now() - started).toBeLessThan(5_000);
      }
    }
  });
});
