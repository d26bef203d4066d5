// Token count "for the configured model" (the inference service's embedding model, whose folder holds a
// Hugging Face tokenizer.json). Exact counting with @huggingface/tokenizers costs ~0.5 ms of CPU per
// 200-word item (measured: ~470k tokens/s), as much as all other normalization together, so by default the
// count is an estimate from the single-pass scanner, matched to the tokenizer's kind:
//   - word-level vocabularies (the built-in GloVe model): one token per word and per punctuation mark;
//   - subword vocabularies (WordPiece, BPE, Unigram): +1 token per further 6 characters of a long word.
// `token_count: exact` uses the tokenizer itself.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scanText, type ScanResult } from './text-scan.js';

export interface TokenCounter {
  /** Tokens in `text`, without special tokens ([CLS]/[SEP]). */
  count(text: string): number;
  /** The same from a scan already made of the text (cheap), when the counter is an estimate. */
  fromScan?(scan: ScanResult): number;
}

export type TokenizerKind = 'word' | 'subword';

export function estimatingCounter(kind: TokenizerKind): TokenCounter {
  const fromScan = kind === 'word' ? (s: ScanResult) => s.words + s.punctuation : (s: ScanResult) => s.tokens;
  return { count: (text) => fromScan(scanText(text)), fromScan };
}

/** Subword estimate: the default when no tokenizer folder is configured. */
export const estimatingTokenCounter: TokenCounter = estimatingCounter('subword');

export interface TokenizerInfo {
  kind: TokenizerKind;
  /** model_max_length from tokenizer_config.json, when given. */
  maxLength?: number;
  tokenizerJson: unknown;
  tokenizerConfig: unknown;
}

/** Reads a model folder's tokenizer files; undefined when the folder or tokenizer.json is missing. */
export function readTokenizerFolder(folder: string): TokenizerInfo | undefined {
  const file = path.join(folder, 'tokenizer.json');
  if (!folder || !existsSync(file)) return undefined;
  const tokenizerJson = JSON.parse(readFileSync(file, 'utf8')) as { model?: { type?: string } };
  const configFile = path.join(folder, 'tokenizer_config.json');
  const tokenizerConfig = existsSync(configFile)
    ? (JSON.parse(readFileSync(configFile, 'utf8')) as { model_max_length?: number })
    : {};
  const maxLength =
    typeof tokenizerConfig.model_max_length === 'number' && tokenizerConfig.model_max_length < 1_000_000
      ? tokenizerConfig.model_max_length
      : undefined;
  return {
    kind: tokenizerJson.model?.type === 'WordLevel' ? 'word' : 'subword',
    maxLength,
    tokenizerJson,
    tokenizerConfig,
  };
}

/** Exact counts with the model's own tokenizer (slow; see above). */
export async function exactCounter(info: TokenizerInfo): Promise<TokenCounter> {
  const { Tokenizer } = await import('@huggingface/tokenizers');
  const tokenizer = new Tokenizer(info.tokenizerJson as never, info.tokenizerConfig as never);
  return { count: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids.length };
}
