// RawItem → NormalizedItem: everything about one item that needs no knowledge of other items. Runs in the
// worker threads. Duplicate links (duplicate_of/duplicate_kind) are added afterwards by the dedup index,
// which must see every item in order.
import type { NormalizedItem, RawItem__Output } from '@sluice/protocol';
import { canonicalUrl } from './canonical-url.js';
import { chunkText } from './chunking.js';
import type { ContentHasher } from './content-hash.js';
import { extractText, htmlToLine, looksLikeHtml } from './html-text.js';
import type { LanguageDetector } from './language.js';
import { SIMHASH_MAX_WORDS, fingerprintToHex, simhashFromWordHashes } from './simhash.js';
import { scanText } from './text-scan.js';
import type { TokenCounter } from './token-count.js';
import { normalizeLine, normalizeWhitespace } from './whitespace.js';
import { readingTimeSeconds } from './words.js';

export interface NormalizeOptions {
  /** Longest HTML/text input per field, in characters; the rest is cut before parsing (huge pages). */
  maxInputCharacters: number;
  /** Longest normalized text kept, in characters. */
  maxTextCharacters: number;
  /** Longest summary kept, in characters. */
  maxSummaryCharacters: number;
  /** The model's input length in tokens: longer texts are chunked. */
  maxChunkTokens: number;
  maxChunks: number;
  /** Full-page boilerplate removal (slow); undefined when disabled. */
  extractReadable?: (html: string) => string | undefined;
  /** Full pages without an article/main landmark at least this long (characters) go through extractReadable. */
  readableMinCharacters: number;
}

export interface NormalizeTools {
  hash: ContentHasher;
  language: LanguageDetector;
  tokens: TokenCounter;
}

// Reused per thread (normalization is synchronous): no 12 KB allocation per item.
const WORD_HASHES = new Uint32Array(SIMHASH_MAX_WORDS);

function isHtml(raw: RawItem__Output): boolean {
  return raw.content_type !== 'text/plain';
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, end);
}

/** Body text: streaming extraction; Readability for full pages without landmarks (see readable-text.ts). */
export function bodyText(raw: RawItem__Output, options: NormalizeOptions): string {
  const content = cut(raw.content ?? '', options.maxInputCharacters);
  if (content === '') return '';
  if (!isHtml(raw)) return normalizeWhitespace(content);
  if (!looksLikeHtml(content)) return normalizeWhitespace(content);
  const extracted = extractText(content);
  if (options.extractReadable && extracted.fullPageWithoutLandmark && content.length >= options.readableMinCharacters) {
    const readable = options.extractReadable(content);
    if (readable !== undefined) return readable;
  }
  return extracted.text;
}

/** Normalizes one item. Throws only on a bug or a pathological input: the caller dead-letters that item. */
export function normalizeItem(raw: RawItem__Output, tools: NormalizeTools, options: NormalizeOptions): NormalizedItem {
  const html = isHtml(raw);
  const line = (value: string | undefined): string => {
    const input = cut(value ?? '', options.maxInputCharacters);
    return html ? htmlToLine(input) : normalizeLine(input);
  };
  const title = line(raw.title);
  const summary = cut(line(raw.summary), options.maxSummaryCharacters);
  let text = cut(bodyText(raw, options), options.maxTextCharacters);
  // Feeds often carry only a summary: it is the text then.
  if (text === '' && summary !== '') text = summary;

  const url = canonicalUrl(raw.url ?? '');
  const contentHash = tools.hash(title, text);
  const detected = tools.language.detect(text.length >= 40 ? text : `${title}\n${text}`, raw.language_hint);
  // One scan of title and text gives the SimHash word hashes, the word count and the token estimate.
  const hashes = WORD_HASHES;
  let hashed = 0;
  const collect = (hash: number): void => {
    if (hashed < SIMHASH_MAX_WORDS) hashes[hashed++] = hash;
  };
  scanText(title.toLowerCase(), collect);
  const stats = scanText(text.toLowerCase(), collect);
  const tokenCount = tools.tokens.fromScan ? tools.tokens.fromScan(stats) : tools.tokens.count(text);
  return {
    title,
    summary,
    text,
    canonical_url: url,
    language: detected.language,
    language_confidence: detected.confidence,
    content_hash: contentHash,
    dedup_key: url !== '' ? url : contentHash,
    simhash: fingerprintToHex(simhashFromWordHashes(hashes, hashed)),
    word_count: stats.words,
    reading_time_seconds: readingTimeSeconds(stats),
    token_count: tokenCount,
    duplicate_of: '',
    duplicate_kind: '',
    chunks: chunkText(
      text,
      tokenCount,
      tools.tokens,
      chunkBudget(title, tools.tokens, options.maxChunkTokens),
      options.maxChunks,
    ),
  };
}

/** Special tokens a model adds around its input ([CLS] … [SEP]). */
const SPECIAL_TOKENS = 2;

/**
 * Tokens left for a chunk's own text: inference reads every chunk with the title in front (docs/models.md), so
 * the title (at most a quarter of the model's input) and the special tokens must fit beside it.
 */
export function chunkBudget(title: string, counter: TokenCounter, maxTokens: number): number {
  const titleTokens = title === '' ? 0 : Math.min(counter.count(title) + 1, Math.floor(maxTokens / 4));
  return Math.max(1, maxTokens - SPECIAL_TOKENS - titleTokens);
}
