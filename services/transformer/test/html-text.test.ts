import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractText, htmlToLine, htmlToText, looksLikeHtml } from '../src/html-text.js';
import { bodyText } from '../src/normalize-item.js';
import { readableText } from '../src/readable-text.js';
import { normalizeLine, normalizeWhitespace } from '../src/whitespace.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.html`, import.meta.url), 'utf8');
const options = {
  maxInputCharacters: 2_000_000,
  maxTextCharacters: 200_000,
  maxSummaryCharacters: 1000,
  maxChunkTokens: 256,
  maxChunks: 16,
  readableMinCharacters: 20_000,
  extractReadable: readableText,
};

describe('extractText on real-world page shapes', () => {
  it('WordPress post: keeps the article, drops cookie notice, menus, share bar, comments, sidebar, footer and scripts', () => {
    const result = extractText(fixture('wordpress-post'));
    expect(result.from).toBe('article');
    expect(result.text.startsWith('Why our city needs a new tram line\n\n')).toBe(true);
    expect(result.text).toContain('according to the council’s own study');
    expect(result.text).toContain(
      'The estimate is €240 million, two thirds of which could come from national infrastructure funds — if',
    );
    expect(result.text).toContain('A tram at the central station'); // image alt text
    for (const junk of [
      'cookies',
      'Skip to content',
      'Sport',
      'Share this',
      'Facebook',
      'thoughts on',
      'Recent Posts',
      'WordPress',
      'wpemoji',
      'schema.org',
      'wp-block',
    ])
      expect(result.text).not.toContain(junk);
  });

  it('page without landmarks: flagged for Readability, which keeps the story and drops the furniture', () => {
    const html = fixture('news-without-landmarks');
    expect(html.length).toBeGreaterThan(20_000);
    const result = extractText(html);
    expect(result).toMatchObject({ from: 'body', fullPageWithoutLandmark: true });
    const text = bodyText({ content: html, content_type: 'text/html' } as never, options);
    expect(text).toContain('The regional parliament voted on Thursday to extend the night train service');
    expect(text).toContain('(Part two, paragraph 8.)');
    for (const junk of [
      'Section 12',
      'Another headline number',
      'uses cookies',
      'dataLayer',
      'Imprint',
      'Share on Facebook',
    ])
      expect(text).not.toContain(junk);
    // Without Readability the streaming pass still gives the story (with some furniture).
    expect(
      bodyText({ content: html, content_type: 'text/html' } as never, { ...options, extractReadable: undefined }),
    ).toContain('(Part two, paragraph 8.)');
  });

  it('broken markup: unclosed, mis-nested and stray tags, bare entities, comments, CDATA', () => {
    expect(extractText(fixture('broken-markup')).text).toBe(
      [
        'Old-school page',
        'First paragraph & unterminated entity © 2003 and a “quote”',
        'Second paragraph with unclosed italic and bold',
        'A div inside a paragraph',
        'text after stray closers',
        'Third paragraph\nwith a break\nand another',
        'After the table: 5 < 6 and 7 > 3 in raw text.',
        'Last paragraph without closing tags',
      ].join('\n\n'),
    );
    expect(htmlToText('<p>unclosed <div>broken <b>markup<p>more')).toBe('unclosed\n\nbroken markup\n\nmore');
    // As in a browser: "<scr<script>" is one odd tag, so what follows is text, not a script.
    expect(htmlToText('<scr<script>ipt>alert(1)</script>ok')).toBe('ipt>alert(1)ok');
    expect(htmlToText('<div><script type="text/javascript">alert(1)</script>ok</div><style>.x{}</style>')).toBe('ok');
    expect(htmlToText('<<<>>> <p attr="unterminated>x</p>')).not.toContain('<p');
  });

  it('non-Latin scripts: Cyrillic, Japanese and Arabic text survive intact', () => {
    const text = extractText(fixture('non-latin')).text;
    expect(text).toContain('Городской совет одобрил новую трамвайную линию');
    expect(text).toContain('市議会は火曜日、北部地区と中央駅を結ぶ新しい路面電車路線の建設を承認した。');
    expect(text).toContain('وافق مجلس المدينة يوم الثلاثاء على إنشاء خط ترام جديد');
    expect(text).not.toContain('Главная');
  });

  it('a huge page converts in bounded time, and input beyond the limit is cut before parsing', () => {
    const page = `<html><body>${'<div><p>Paragraph with <a href="/x">a link</a> and <em>emphasis</em>.</p></div>'.repeat(40_000)}</body></html>`;
    expect(page.length).toBeGreaterThan(3_000_000);
    const started = performance.now();
    const full = htmlToText(page);
    expect(full.split('\n\n')).toHaveLength(40_000);
    const cut = bodyText({ content: page, content_type: 'text/html' } as never, {
      ...options,
      maxInputCharacters: 100_000,
    });
    expect(cut.split('\n\n').length).toBeLessThan(1400);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('fragments, lines and whitespace', () => {
  it('converts feed snippets, passing plain text through', () => {
    expect(
      htmlToText('<p>First <b>para</b>&nbsp;here &#8212; &eacute;t&eacute;.</p><ul><li>one</li><li>two</li></ul>'),
    ).toBe('First para here — été.\n\n- one\n- two');
    expect(htmlToText('  Tom and Jerry\r\n\r\n\r\n  again  ')).toBe('Tom and Jerry\n\nagain');
    expect(htmlToText('<table><tr><td>a</td><td>b</td></tr></table>')).toBe('a b');
    expect(looksLikeHtml('a < b and c > d')).toBe(false);
    expect(looksLikeHtml('Tom &amp; Jerry')).toBe(true);
  });

  it('makes titles one line', () => {
    expect(htmlToLine('Breaking:\n <em>A &lt; B</em>  &#8212; news')).toBe('Breaking: A < B — news');
    expect(htmlToLine('<p>Two</p><p>paragraphs</p><script>x()</script>')).toBe('Two paragraphs');
    expect(normalizeLine('a\u00a0\u2003b\u200bc\n\nd')).toBe('a bc d');
  });

  it('normalizes Unicode to NFC and removes control characters', () => {
    expect(normalizeWhitespace('e\u0301te\u0007')).toBe('éte');
  });
});
