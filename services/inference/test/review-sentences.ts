// Labelled review sentences for measuring sentiment models: the UCI "Sentiment Labelled Sentences" set
// (Kotzias et al. 2015, CC BY 4.0: 1,000 Amazon product, Yelp restaurant and IMDb movie review sentences each,
// half positive), as the `sentiment` package ships it in test/fixtures. A fixed split by the hash of each
// text: ~30% `dev` (what model choices were made on), ~70% `test` (held out: measured, never tuned on).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const REVIEW_SOURCES = ['amazon', 'yelp', 'imdb'] as const;

export interface ReviewSentence {
  source: (typeof REVIEW_SOURCES)[number];
  text: string;
  positive: boolean;
  split: 'dev' | 'test';
}

export function reviewSentences(): ReviewSentence[] {
  const fixtures = path.join(
    path.dirname(createRequire(import.meta.url).resolve('sentiment/package.json')),
    'test',
    'fixtures',
  );
  return REVIEW_SOURCES.flatMap((source) =>
    (JSON.parse(readFileSync(path.join(fixtures, `${source}.json`), 'utf8')) as Array<{ text: string; class: number }>)
      // The files hold one empty row each.
      .filter((row) => /\S/.test(row.text))
      .map((row) => ({
        source,
        text: row.text,
        positive: row.class === 1,
        split: createHash('sha1').update(row.text).digest()[0]! < 77 ? ('dev' as const) : ('test' as const),
      })),
  );
}
