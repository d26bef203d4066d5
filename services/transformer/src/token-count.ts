// Token count "for the configured model". The default is an estimate calibrated on WordPiece/BPE vocabularies
// (MiniLM, BERT): a common word is one token, long or rare words split every ~6 characters, each CJK
// character is a token, punctuation is a token. A tokenizer.json can replace it (settings.tokenizer_file).
import { scanText } from './text-scan.js';

export interface TokenCounter {
  /** Tokens in `text`, without special tokens ([CLS]/[SEP]). */
  count(text: string): number;
}

export const estimatingTokenCounter: TokenCounter = {
  count: (text) => scanText(text).tokens,
};
