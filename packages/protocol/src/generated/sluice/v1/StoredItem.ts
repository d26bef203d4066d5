// Original file: protos/sluice/v1/content.proto

import type { Classification as _sluice_v1_Classification, Classification__Output as _sluice_v1_Classification__Output } from '../../sluice/v1/Classification.js';
import type { Embedding as _sluice_v1_Embedding, Embedding__Output as _sluice_v1_Embedding__Output } from '../../sluice/v1/Embedding.js';
import type { Score as _sluice_v1_Score, Score__Output as _sluice_v1_Score__Output } from '../../sluice/v1/Score.js';
import type { Engagement as _sluice_v1_Engagement, Engagement__Output as _sluice_v1_Engagement__Output } from '../../sluice/v1/Engagement.js';
import type { Long } from '@grpc/proto-loader';

/**
 * An item as stored and served by the API.
 */
export interface StoredItem {
  'id'?: (string);
  'source_id'?: (string);
  'source_kind'?: (string);
  'external_id'?: (string);
  'url'?: (string);
  'canonical_url'?: (string);
  'title'?: (string);
  'summary'?: (string);
  'text'?: (string);
  'author'?: (string);
  'published_at_ms'?: (number | string | Long);
  'collected_at_ms'?: (number | string | Long);
  'stored_at_ms'?: (number | string | Long);
  'language'?: (string);
  'content_hash'?: (string);
  'duplicate_of'?: (string);
  'tags'?: (string)[];
  'classifications'?: (_sluice_v1_Classification)[];
  'embedding'?: (_sluice_v1_Embedding | null);
  'score'?: (_sluice_v1_Score | null);
  'engagement'?: (_sluice_v1_Engagement | null);
  'priority'?: (number);
  'word_count'?: (number);
  'reading_time_seconds'?: (number);
}

/**
 * An item as stored and served by the API.
 */
export interface StoredItem__Output {
  'id': (string);
  'source_id': (string);
  'source_kind': (string);
  'external_id': (string);
  'url': (string);
  'canonical_url': (string);
  'title': (string);
  'summary': (string);
  'text': (string);
  'author': (string);
  'published_at_ms': (number);
  'collected_at_ms': (number);
  'stored_at_ms': (number);
  'language': (string);
  'content_hash': (string);
  'duplicate_of': (string);
  'tags': (string)[];
  'classifications': (_sluice_v1_Classification__Output)[];
  'embedding': (_sluice_v1_Embedding__Output | null);
  'score': (_sluice_v1_Score__Output | null);
  'engagement': (_sluice_v1_Engagement__Output | null);
  'priority': (number);
  'word_count': (number);
  'reading_time_seconds': (number);
}
