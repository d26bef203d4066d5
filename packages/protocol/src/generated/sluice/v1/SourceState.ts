// Original file: protos/sluice/v1/persistence.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Persisted per-source state (collector cursor, conditional GET validators, lease).
 */
export interface SourceState {
  'source_id'?: (string);
  /**
   * Source-specific resume position (byte offset, line number, pagination cursor, last seen id) as JSON.
   */
  'cursor_json'?: (string);
  'etag'?: (string);
  'last_modified'?: (string);
  'last_success_ms'?: (number | string | Long);
  'consecutive_errors'?: (number);
  'next_fetch_ms'?: (number | string | Long);
  'breaker_state'?: (string);
  'last_error'?: (string);
  'items_total'?: (number | string | Long);
}

/**
 * Persisted per-source state (collector cursor, conditional GET validators, lease).
 */
export interface SourceState__Output {
  'source_id': (string);
  /**
   * Source-specific resume position (byte offset, line number, pagination cursor, last seen id) as JSON.
   */
  'cursor_json': (string);
  'etag': (string);
  'last_modified': (string);
  'last_success_ms': (number);
  'consecutive_errors': (number);
  'next_fetch_ms': (number);
  'breaker_state': (string);
  'last_error': (string);
  'items_total': (number);
}
