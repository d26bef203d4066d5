// The feed corpus (test/fixtures/feeds, described in corpus.json): RSS 0.90–2.0, RSS 1.0/RDF, Atom 0.3/1.0,
// CDF, JSON Feed, ill-formed XML, DTD entity attacks and every encoding case, each decoded from its bytes
// (with the HTTP charset it is served with) and parsed as the feed source does. Asserts the items read
// (count, first item's title, link, content, date, author, tags) or the parse error.
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../src/http/charset.js';
import { SourceFetchError } from '../src/http/fetch-error.js';
import { parseDate } from '../src/raw-item.js';
import { parseFeedDocument, recoveredProblem } from '../src/sources/feed-items.js';
import { corpusBytes, corpusMismatch, FEED_URL, loadCorpus } from './fixtures/feeds/corpus.js';

const corpus = loadCorpus();
const code = (error: unknown) => (error instanceof SourceFetchError ? error.code : undefined);

describe('feed corpus', () => {
  it('has at least 60 documents in every shape the issue names', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    for (const shape of [
      'RSS 0.90',
      'RSS 0.91',
      'RSS 0.92',
      'RSS 2.0',
      'RSS 1.0',
      'Atom 0.3',
      'Atom 1.0',
      'CDF',
      'JSON Feed',
      'ill-formed',
      'UTF-16',
      'UTF-32',
      'declared',
      'entit',
    ]) {
      expect(
        corpus.some((entry) => entry.shape.includes(shape)),
        shape,
      ).toBe(true);
    }
  });

  for (const entry of corpus) {
    it(`${entry.file}: ${entry.shape}`, () => {
      const body = decodeBody(corpusBytes(entry), entry.content_type);
      expect(corpusMismatch(entry, () => parseFeedDocument(body, FEED_URL), parseDate, code)).toBeUndefined();
    });
  }

  it('a document only the lenient path reads carries a parse_recovered problem naming the strict reason', () => {
    const entry = corpus.find((e) => e.file === 'cdf-basic.cdf')!;
    const parsed = parseFeedDocument(decodeBody(corpusBytes(entry)), FEED_URL);
    const problem = recoveredProblem(parsed, FEED_URL);
    expect(problem?.code).toBe('parse_recovered');
    expect(problem?.message).toMatch(/^not a valid feed: .+; the lenient parser read 2 items as cdf$/);
    const strict = corpus.find((e) => e.file === 'rss20-basic.xml')!;
    expect(recoveredProblem(parseFeedDocument(decodeBody(corpusBytes(strict)), FEED_URL), FEED_URL)).toBeUndefined();
  });

  it('entity attacks: nothing is expanded or fetched, and a bomb parses fast', () => {
    for (const file of ['rss20-xxe.xml', 'rss20-xxe-invalid.xml', 'rss20-billion-laughs.xml']) {
      const entry = corpus.find((e) => e.file === file)!;
      const started = performance.now();
      const parsed = parseFeedDocument(decodeBody(corpusBytes(entry)), FEED_URL);
      expect(performance.now() - started).toBeLessThan(2000);
      const text = JSON.stringify(parsed.items);
      for (const leak of ['root:', 'EXPANDED', 'lollol', '/bin/']) expect(text).not.toContain(leak);
    }
  });
});
