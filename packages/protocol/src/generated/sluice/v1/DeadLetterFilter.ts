// Original file: protos/sluice/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Filters combine with AND; empty fields match everything.
 */
export interface DeadLetterFilter {
  'source_ids'?: (string)[];
  'stage'?: (string);
  'reasons'?: (string)[];
  /**
   * last_seen_at in [since_ms, until_ms); 0 = open.
   */
  'since_ms'?: (number | string | Long);
  'until_ms'?: (number | string | Long);
}

/**
 * Filters combine with AND; empty fields match everything.
 */
export interface DeadLetterFilter__Output {
  'source_ids': (string)[];
  'stage': (string);
  'reasons': (string)[];
  /**
   * last_seen_at in [since_ms, until_ms); 0 = open.
   */
  'since_ms': (number);
  'until_ms': (number);
}
