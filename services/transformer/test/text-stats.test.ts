import { describe, expect, it } from 'vitest';
import { chunkText } from '../src/chunking.js';
import { createContentHasher } from '../src/content-hash.js';
import { createLanguageDetector } from '../src/language.js';
import { chunkBudget } from '../src/normalize-item.js';
import { estimatingTokenCounter } from '../src/token-count.js';
import { readingTimeSeconds, wordStats } from '../src/words.js';

describe('words, reading time, tokens', () => {
  it('counts words in spaced scripts and characters in unspaced ones', () => {
    expect(wordStats("It's a well-known fact, isn't it?")).toEqual({ words: 7, unspacedChars: 0 });
    expect(wordStats('naïve café, 𝐛𝐨𝐥𝐝 math and emoji 👍')).toEqual({ words: 6, unspacedChars: 0 });
    expect(wordStats('東京は晴れです')).toEqual({ words: 7, unspacedChars: 7 });
    expect(wordStats('Привет мир 123')).toEqual({ words: 3, unspacedChars: 0 });
  });

  it('reads 230 words or 500 CJK characters a minute', () => {
    expect(readingTimeSeconds({ words: 230, unspacedChars: 0 })).toBe(60);
    expect(readingTimeSeconds({ words: 500, unspacedChars: 500 })).toBe(60);
  });
});

describe('content hash', () => {
  it('is hex xxh64 of title and text, case-insensitive', async () => {
    const hash = await createContentHasher();
    expect(hash('Title', 'Body')).toMatch(/^[0-9a-f]{16}$/);
    expect(hash('TITLE', 'body')).toBe(hash('Title', 'Body'));
    expect(hash('Title', 'Body.')).not.toBe(hash('Title', 'Body'));
  });
});

describe('language', () => {
  it('detects languages with eld small data, falls back to the hint, else und', async () => {
    const detector = await createLanguageDetector('extrasmall');
    expect(detector.detect('The council met on Tuesday to discuss the new tram line and its costs.').language).toBe(
      'en',
    );
    expect(detector.detect('Сегодня городской совет обсудил новую трамвайную линию и её стоимость.').language).toBe(
      'ru',
    );
    expect(detector.detect('Сьогодні міська рада обговорила нову трамвайну лінію та її вартість.').language).toBe('uk');
    expect(detector.detect('今日は市議会が新しい路面電車の路線について話し合いました。').language).toBe('ja');
    expect(detector.detect('El ayuntamiento discutió el martes la nueva línea de tranvía.').language).toBe('es');
    const result = detector.detect('Der Stadtrat hat am Dienstag über die neue Straßenbahnlinie gesprochen.');
    expect(result.language).toBe('de');
    expect(result.confidence).toBeGreaterThan(0);
    expect(detector.detect('ok', 'fr-FR')).toEqual({ language: 'fr', confidence: 0.5 });
    expect(detector.detect('   ')).toEqual({ language: 'und', confidence: 0 });
  });
});

describe('chunking', () => {
  const paragraph = (n: number) => `Paragraph ${n} has a few sentences. It talks about trams. It ends here.`;
  it('keeps a text that fits whole (no chunks)', () => {
    const text = paragraph(1);
    expect(chunkText(text, estimatingTokenCounter.count(text), estimatingTokenCounter, 256, 16)).toEqual([]);
  });

  it('splits a long text at paragraph boundaries into chunks within the limit, in order', () => {
    const text = Array.from({ length: 40 }, (_, i) => paragraph(i)).join('\n\n');
    const chunks = chunkText(text, estimatingTokenCounter.count(text), estimatingTokenCounter, 64, 100);
    expect(chunks.length).toBeGreaterThan(5);
    chunks.forEach((chunk, i) => {
      expect(chunk.index).toBe(i);
      expect(chunk.token_count).toBeLessThanOrEqual(64);
      expect(estimatingTokenCounter.count(chunk.text)).toBeLessThanOrEqual(64);
    });
    expect(chunks.map((c) => c.text).join('\n')).toBe(text.replace(/\n\n/g, '\n'));
  });

  it('splits an endless sentence by words and caps the number of chunks', () => {
    const text = 'word '.repeat(10_000).trim();
    const chunks = chunkText(text, estimatingTokenCounter.count(text), estimatingTokenCounter, 100, 5);
    expect(chunks).toHaveLength(5);
    for (const chunk of chunks) expect(chunk.token_count).toBeLessThanOrEqual(100);
  });

  it('leaves room beside every chunk for the title and the special tokens inference reads with it', () => {
    const title = 'A title of six tokens';
    const budget = chunkBudget(title, estimatingTokenCounter, 512);
    expect(budget).toBe(512 - 2 - (estimatingTokenCounter.count(title) + 1));
    // A giant title takes at most a quarter of the input.
    expect(chunkBudget('word '.repeat(1000), estimatingTokenCounter, 512)).toBe(512 - 2 - 128);
    expect(chunkBudget('', estimatingTokenCounter, 512)).toBe(510);
    const text = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} has a few more words in it.`).join('\n\n');
    const chunks = chunkText(text, estimatingTokenCounter.count(text), estimatingTokenCounter, budget, 64);
    for (const chunk of chunks)
      expect(estimatingTokenCounter.count(`${title}\n${chunk.text}`) + 2).toBeLessThanOrEqual(512);
    expect(chunks.at(-1)!.text.endsWith('Paragraph 199 has a few more words in it.')).toBe(true);
  });
});
