// Original file: protos/sluice/v1/content.proto

import type { TextChunk as _sluice_v1_TextChunk, TextChunk__Output as _sluice_v1_TextChunk__Output } from '../../sluice/v1/TextChunk.js';

/**
 * An item after the transformer: clean text, canonical URL, language, hashes.
 */
export interface NormalizedItem {
  'title'?: (string);
  'summary'?: (string);
  /**
   * Plain text of the body (HTML removed, entities decoded, whitespace normalized).
   */
  'text'?: (string);
  'canonical_url'?: (string);
  /**
   * ISO 639-1 code, "und" when undetermined.
   */
  'language'?: (string);
  'language_confidence'?: (number | string);
  /**
   * Hex xxh64 of the normalized title + text: exact-duplicate key.
   */
  'content_hash'?: (string);
  /**
   * What identifies "the same content" across sources: canonical URL when present, else content hash.
   */
  'dedup_key'?: (string);
  /**
   * 64-bit SimHash of the text as 16 hex chars: near-duplicate detection.
   */
  'simhash'?: (string);
  'word_count'?: (number);
  'reading_time_seconds'?: (number);
  'token_count'?: (number);
  /**
   * Id of the item this one duplicates (exactly or nearly); empty when original.
   */
  'duplicate_of'?: (string);
  /**
   * "exact", "near" or "" (original).
   */
  'duplicate_kind'?: (string);
  'chunks'?: (_sluice_v1_TextChunk)[];
}

/**
 * An item after the transformer: clean text, canonical URL, language, hashes.
 */
export interface NormalizedItem__Output {
  'title': (string);
  'summary': (string);
  /**
   * Plain text of the body (HTML removed, entities decoded, whitespace normalized).
   */
  'text': (string);
  'canonical_url': (string);
  /**
   * ISO 639-1 code, "und" when undetermined.
   */
  'language': (string);
  'language_confidence': (number);
  /**
   * Hex xxh64 of the normalized title + text: exact-duplicate key.
   */
  'content_hash': (string);
  /**
   * What identifies "the same content" across sources: canonical URL when present, else content hash.
   */
  'dedup_key': (string);
  /**
   * 64-bit SimHash of the text as 16 hex chars: near-duplicate detection.
   */
  'simhash': (string);
  'word_count': (number);
  'reading_time_seconds': (number);
  'token_count': (number);
  /**
   * Id of the item this one duplicates (exactly or nearly); empty when original.
   */
  'duplicate_of': (string);
  /**
   * "exact", "near" or "" (original).
   */
  'duplicate_kind': (string);
  'chunks': (_sluice_v1_TextChunk__Output)[];
}
