// Word segmentation shared by counting, hashing and chunking. Scripts written without spaces (Chinese,
// Japanese, Thai, Lao, Khmer, Myanmar) count one "word" per character, the usual convention for reading time
// and a good shingle unit for near-duplicate detection.

const UNSPACED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
const WORD = new RegExp(`[${UNSPACED}]|(?:(?![${UNSPACED}])[\\p{L}\\p{N}\\p{M}_'’])+`, 'gu');
const UNSPACED_CHAR = new RegExp(`^[${UNSPACED}]$`, 'u');

/** Lower-cased words of `text` (at most `limit`). */
export function words(text: string, limit = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null && out.length < limit; match = WORD.exec(text)) out.push(match[0].toLowerCase());
  return out;
}

export interface WordStats {
  /** Space-separated words plus characters of unspaced scripts. */
  words: number;
  /** How many of `words` are unspaced-script characters. */
  unspacedChars: number;
}

export function wordStats(text: string): WordStats {
  let total = 0;
  let unspaced = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    total += 1;
    if (match[0].length <= 2 && UNSPACED_CHAR.test(match[0])) unspaced += 1;
  }
  return { words: total, unspacedChars: unspaced };
}

/** Adult silent reading: ~230 words/min for spaced scripts, ~500 characters/min for Chinese/Japanese. */
export const WORDS_PER_MINUTE = 230;
export const UNSPACED_CHARS_PER_MINUTE = 500;

export function readingTimeSeconds(stats: WordStats): number {
  const spaced = stats.words - stats.unspacedChars;
  return Math.round((spaced / WORDS_PER_MINUTE + stats.unspacedChars / UNSPACED_CHARS_PER_MINUTE) * 60);
}
