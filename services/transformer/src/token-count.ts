// Token count "for the configured model". The default is an estimate calibrated on WordPiece/BPE vocabularies
// (MiniLM, BERT): a common word is one token, long or rare words split every ~6 characters, each CJK
// character is a token, punctuation is a token. A tokenizer.json can replace it (see tokenizer-counter.ts).
import { words } from './words.js';

export interface TokenCounter {
  /** Tokens in `text`, without special tokens ([CLS]/[SEP]). */
  count(text: string): number;
}

const PUNCTUATION = /[\p{P}\p{S}]/gu;

export const estimatingTokenCounter: TokenCounter = {
  count(text) {
    let tokens = 0;
    for (const word of words(text)) tokens += word.length <= 6 ? 1 : Math.ceil(word.length / 6);
    PUNCTUATION.lastIndex = 0;
    const punctuation = text.match(PUNCTUATION);
    return tokens + (punctuation?.length ?? 0);
  },
};
