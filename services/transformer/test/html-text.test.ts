import { describe, expect, it } from 'vitest';
import { htmlToLine, htmlToText, looksLikeHtml } from '../src/html-text.js';
import { normalizeLine, normalizeWhitespace } from '../src/whitespace.js';

describe('htmlToText', () => {
  it('keeps the article, drops navigation, scripts, styles and footers, decodes entities', () => {
    const html = `<!doctype html><html><head><title>T</title><style>p { color: red }</style><script>var tracking = 1;</script></head>
      <body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
      <article><h1>Hello &amp; welcome</h1><p>First <b>para</b>&nbsp;here &#8212; &eacute;t&eacute;.</p><p>Second<br>line <a href="http://x">link</a></p>
      <ul><li>one</li><li>two</li></ul></article><footer>(c) 2024 Example</footer></body></html>`;
    expect(htmlToText(html)).toBe('Hello & welcome\n\nFirst para here — été.\n\nSecond\nline link\n\n- one\n- two');
  });

  it('survives broken markup', () => {
    expect(htmlToText('<p>unclosed <div>broken <b>markup<p>more')).toBe('unclosed\n\nbroken markup\n\nmore');
    expect(htmlToText('<p>a</p></div></span></body>trailing <i>text')).toBe('a\n\ntrailing text');
    expect(htmlToText('<<<>>> <p attr="unterminated>x</p>')).not.toContain('<p');
    // As in a browser: "<scr<script>" is one odd tag, so what follows is text, not a script.
    expect(htmlToText('<scr<script>ipt>alert(1)</script>ok')).toBe('ipt>alert(1)ok');
    expect(htmlToText('<div><script type="text/javascript">alert(1)</script>ok</div><style>.x{}</style>')).toBe('ok');
  });

  it('passes plain text through with whitespace normalized', () => {
    expect(htmlToText('  Tom and Jerry\r\n\r\n\r\n  again  ')).toBe('Tom and Jerry\n\nagain');
    expect(looksLikeHtml('a < b and c > d')).toBe(false);
    expect(looksLikeHtml('Tom &amp; Jerry')).toBe(true);
  });

  it('handles non-Latin scripts', () => {
    expect(htmlToText('<p>Привет,&nbsp;<b>мир</b>!</p><p>東京は晴れです。</p><p dir="rtl">مرحبا بالعالم</p>')).toBe('Привет, мир!\n\n東京は晴れです。\n\nمرحبا بالعالم');
  });

  it('converts a huge page in bounded time', () => {
    const page = `<html><body>${'<div><p>Paragraph with <a href="/x">a link</a> and <em>emphasis</em>.</p></div>'.repeat(10_000)}</body></html>`;
    const started = performance.now();
    const text = htmlToText(page);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(text.split('\n\n')).toHaveLength(10_000);
  });
});

describe('lines and whitespace', () => {
  it('makes titles one line', () => {
    expect(htmlToLine('Breaking:\n <em>A &lt; B</em>  &#8212; news')).toBe('Breaking: A < B — news');
    expect(normalizeLine('a\u00a0\u2003b\u200bc\n\nd')).toBe('a bc d');
  });

  it('normalizes Unicode to NFC and removes control characters', () => {
    expect(normalizeWhitespace('e\u0301te\u0007')).toBe('éte');
  });
});
