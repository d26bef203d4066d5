// The unit of work a worker thread runs: normalize many raw items, isolating failures per item.
import type { NormalizedItem, RawItem__Output } from '@sluice/protocol';
import { createContentHasher } from './content-hash.js';
import { createLanguageDetector } from './language.js';
import { normalizeItem, type NormalizeOptions, type NormalizeTools } from './normalize-item.js';
import { readableText } from './readable-text.js';
import { estimatingTokenCounter } from './token-count.js';
import type { WorkerOptions } from './worker-options.js';

export type NormalizeOutcome = { ok: true; normalized: NormalizedItem } | { ok: false; reason: string; detail: string };

export interface Normalizer {
  normalizeBatch(items: RawItem__Output[]): NormalizeOutcome[];
}

export async function createNormalizer(options: WorkerOptions): Promise<Normalizer> {
  const tools: NormalizeTools = {
    hash: await createContentHasher(),
    language: await createLanguageDetector(options.languageData),
    tokens: estimatingTokenCounter,
  };
  const normalizeOptions: NormalizeOptions = {
    maxInputCharacters: options.maxInputCharacters,
    maxTextCharacters: options.maxTextCharacters,
    maxSummaryCharacters: options.maxSummaryCharacters,
    maxChunkTokens: options.maxChunkTokens,
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
