// Word counts and reading time (the scanner in text-scan.ts defines what a word is).
import { scanText } from './text-scan.js';

export interface WordStats {
  /** Space-separated words plus characters of unspaced scripts. */
  words: number;
  /** How many of `words` are unspaced-script characters. */
  unspacedChars: number;
}

export function wordStats(text: string): WordStats {
  const { words, unspacedChars } = scanText(text);
  return { words, unspacedChars };
}

/** Adult silent reading: ~230 words/min for spaced scripts, ~500 characters/min for Chinese/Japanese. */
export const WORDS_PER_MINUTE = 230;
export const UNSPACED_CHARS_PER_MINUTE = 500;

export function readingTimeSeconds(stats: WordStats): number {
  const spaced = stats.words - stats.unspacedChars;
  return Math.round((spaced / WORDS_PER_MINUTE + stats.unspacedChars / UNSPACED_CHARS_PER_MINUTE) * 60);
}
