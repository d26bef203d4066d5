// Original file: protos/sluice/v1/persistence.proto

import type { SortField as _sluice_v1_SortField, SortField__Output as _sluice_v1_SortField__Output } from '../../sluice/v1/SortField.js';
import type { Long } from '@grpc/proto-loader';

export interface ListItemsRequest {
  'source_ids'?: (string)[];
  /**
   * Items whose classifications contain this label (topic, sentiment, ...), e.g. "technology".
   */
  'label'?: (string);
  /**
   * "positive", "negative", "neutral" (sentiment model's top label).
   */
  'sentiment'?: (string);
  'language'?: (string);
  'min_score'?: (number | string);
  'has_min_score'?: (boolean);
  'since_ms'?: (number | string | Long);
  'until_ms'?: (number | string | Long);
  /**
   * Case-insensitive text match on title and text.
   */
  'text'?: (string);
  'sort'?: (_sluice_v1_SortField);
  /**
   * Opaque keyset cursor from a previous response.
   */
  'cursor'?: (string);
  'limit'?: (number);
  /**
   * Include the embedding vector (large) in results.
   */
  'include_embedding'?: (boolean);
  'include_text'?: (boolean);
  /**
   * Score at most this (with has_max_score), so min_score..max_score is a range.
   */
  'max_score'?: (number | string);
  'has_max_score'?: (boolean);
  /**
   * Items that the transformer marked as near-duplicates of this item id.
   */
  'duplicate_of'?: (string);
}

export interface ListItemsRequest__Output {
  'source_ids': (string)[];
  /**
   * Items whose classifications contain this label (topic, sentiment, ...), e.g. "technology".
   */
  'label': (string);
  /**
   * "positive", "negative", "neutral" (sentiment model's top label).
   */
  'sentiment': (string);
  'language': (string);
  'min_score': (number);
  'has_min_score': (boolean);
  'since_ms': (number);
  'until_ms': (number);
  /**
   * Case-insensitive text match on title and text.
   */
  'text': (string);
  'sort': (_sluice_v1_SortField__Output);
  /**
   * Opaque keyset cursor from a previous response.
   */
  'cursor': (string);
  'limit': (number);
  /**
   * Include the embedding vector (large) in results.
   */
  'include_embedding': (boolean);
  'include_text': (boolean);
  /**
   * Score at most this (with has_max_score), so min_score..max_score is a range.
   */
  'max_score': (number);
  'has_max_score': (boolean);
  /**
   * Items that the transformer marked as near-duplicates of this item id.
   */
  'duplicate_of': (string);
}
