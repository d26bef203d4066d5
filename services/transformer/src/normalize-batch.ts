// The unit of work a worker thread runs: normalize many raw items, isolating failures per item.
import type { NormalizedItem, RawItem__Output } from '@sluice/protocol';
import { createContentHasher } from './content-hash.js';
import { createLanguageDetector } from './language.js';
import { normalizeItem, type NormalizeOptions, type NormalizeTools } from './normalize-item.js';
import { readableText } from './readable-text.js';
import {
  estimatingCounter,
  estimatingTokenCounter,
  exactCounter,
  readTokenizerFolder,
  type TokenCounter,
} from './token-count.js';
import type { WorkerOptions } from './worker-options.js';

export type NormalizeOutcome = { ok: true; normalized: NormalizedItem } | { ok: false; reason: string; detail: string };

export interface Normalizer {
  normalizeBatch(items: RawItem__Output[]): NormalizeOutcome[];
}

/** Chunk size when neither the settings nor the tokenizer folder give one. */
export const DEFAULT_MAX_CHUNK_TOKENS = 256;

export async function createTokenCounter(
  options: Pick<WorkerOptions, 'tokenizerFolder' | 'tokenCount'>,
): Promise<{ counter: TokenCounter; maxLength?: number }> {
  const info = options.tokenizerFolder ? readTokenizerFolder(options.tokenizerFolder) : undefined;
  if (!info) return { counter: estimatingTokenCounter };
  return {
    counter: options.tokenCount === 'exact' ? await exactCounter(info) : estimatingCounter(info.kind),
    maxLength: info.maxLength,
  };
}

export async function createNormalizer(options: WorkerOptions): Promise<Normalizer> {
  const tokens = await createTokenCounter(options);
  const tools: NormalizeTools = {
    hash: await createContentHasher(),
    language: await createLanguageDetector(options.languageData),
    tokens: tokens.counter,
  };
  const normalizeOptions: NormalizeOptions = {
    maxInputCharacters: options.maxInputCharacters,
    maxTextCharacters: options.maxTextCharacters,
    maxSummaryCharacters: options.maxSummaryCharacters,
    maxChunkTokens:
      options.maxChunkTokens > 0 ? options.maxChunkTokens : (tokens.maxLength ?? DEFAULT_MAX_CHUNK_TOKENS),
    maxChunks: options.maxChunks,
    readableMinCharacters: options.readableExtraction === 'always' ? 0 : options.readableMinCharacters,
    extractReadable: options.readableExtraction === 'never' ? undefined : readableText,
  };
  return {
    normalizeBatch(items) {
      return items.map((raw): NormalizeOutcome => {
        try {
          return { ok: true, normalized: normalizeItem(raw, tools, normalizeOptions) };
        } catch (error) {
          return { ok: false, reason: 'transform_failed', detail: (error as Error)?.message ?? String(error) };
        }
      });
    },
  };
}
