// What a worker thread needs to build its tools: plain data (it crosses the thread boundary).
import path from 'node:path';
import type { LanguageDataSize } from './language.js';

export interface WorkerOptions {
  languageData: LanguageDataSize;
  /** Absolute path of the tokenizer model folder, or "". */
  tokenizerFolder: string;
  tokenCount: 'estimate' | 'exact';
  maxInputCharacters: number;
  maxTextCharacters: number;
  maxSummaryCharacters: number;
  maxChunkTokens: number;
  maxChunks: number;
  readableExtraction: 'auto' | 'always' | 'never';
  readableMinCharacters: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  languageData: 'extrasmall',
  tokenizerFolder: '',
  tokenCount: 'estimate',
  maxInputCharacters: 2_000_000,
  maxTextCharacters: 200_000,
  maxSummaryCharacters: 1000,
  maxChunkTokens: 0,
  maxChunks: 64,
  readableExtraction: 'auto',
  readableMinCharacters: 20_000,
};

/** Worker options from the settings; relative paths are resolved against `root` (the repository root). */
export function workerOptionsFrom(
  settings: {
    language_data: WorkerOptions['languageData'];
    tokenizer_folder: string;
    token_count: WorkerOptions['tokenCount'];
    max_input_characters: number;
    max_text_characters: number;
    max_summary_characters: number;
    max_chunk_tokens: number;
    max_chunks: number;
    readable_extraction: WorkerOptions['readableExtraction'];
    readable_min_characters: number;
  },
  root: string,
): WorkerOptions {
  return {
    languageData: settings.language_data,
    tokenizerFolder: settings.tokenizer_folder === '' ? '' : path.resolve(root, settings.tokenizer_folder),
    tokenCount: settings.token_count,
    maxInputCharacters: settings.max_input_characters,
    maxTextCharacters: settings.max_text_characters,
    maxSummaryCharacters: settings.max_summary_characters,
    maxChunkTokens: settings.max_chunk_tokens,
    maxChunks: settings.max_chunks,
    readableExtraction: settings.readable_extraction,
    readableMinCharacters: settings.readable_min_characters,
  };
}
