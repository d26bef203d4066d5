import { describe, expect, it } from 'vitest';
import { canonicalUrl, isTrackingParam } from '../src/canonical-url.js';

describe('canonicalUrl', () => {
  it.each([
    ['HTTPS://Example.COM:443/a?utm_source=x&b=2&a=1#top', 'https://example.com/a?a=1&b=2'],
    ['http://EXAMPLE.com:80', 'http://example.com/'],
    ['http://example.com:8080/Path/To?q=1', 'http://example.com:8080/Path/To?q=1'],
    ['https://example.com/p?utm_medium=email&utm_campaign=c&fbclid=abc&gclid=1', 'https://example.com/p'],
    ['https://example.com/p?a=2&a=1&b=0', 'https://example.com/p?a=2&a=1&b=0'],
    ['https://user:secret@example.com./p?', 'https://example.com/p'],
    ['  https://example.com/x  ', 'https://example.com/x'],
    ['https://Bücher.example/ä', 'https://xn--bcher-kva.example/%C3%A4'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('returns "" for anything that is not an absolute http(s) URL', () => {
    for (const input of [
      '',
      'not a url',
      '/relative/path',
      'ftp://example.com/f',
      'javascript:alert(1)',
      'mailto:a@b.c',
    ])
      expect(canonicalUrl(input)).toBe('');
  });

  it('knows tracking parameters by name and prefix', () => {
    expect(isTrackingParam('UTM_Source')).toBe(true);
    expect(isTrackingParam('pk_campaign')).toBe(true);
    expect(isTrackingParam('id')).toBe(false);
    expect(isTrackingParam('page')).toBe(false);
  });
});
