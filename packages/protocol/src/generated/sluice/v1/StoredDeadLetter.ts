// Original file: protos/sluice/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface StoredDeadLetter {
  'id'?: (number | string | Long);
  'item_id'?: (string);
  'source_id'?: (string);
  /**
   * Stage that rejected it: collector, transformer, inference, scorer, persistence.
   */
  'stage'?: (string);
  /**
   * Stable reason code, e.g. "invalid_item", "model_error", "write_failed".
   */
  'reason'?: (string);
  'detail'?: (string);
  /**
   * The item as JSON; empty in listings.
   */
  'payload_json'?: (string);
  /**
   * Times the item failed (1 when first dead-lettered; a replay that fails again adds one).
   */
  'attempts'?: (number);
  'first_seen_at_ms'?: (number | string | Long);
  'last_seen_at_ms'?: (number | string | Long);
  /**
   * Replays started for this row, and when the last one started (0: never).
   */
  'replays'?: (number);
  'last_replayed_at_ms'?: (number | string | Long);
}

export interface StoredDeadLetter__Output {
  'id': (number);
  'item_id': (string);
  'source_id': (string);
  /**
   * Stage that rejected it: collector, transformer, inference, scorer, persistence.
   */
  'stage': (string);
  /**
   * Stable reason code, e.g. "invalid_item", "model_error", "write_failed".
   */
  'reason': (string);
  'detail': (string);
  /**
   * The item as JSON; empty in listings.
   */
  'payload_json': (string);
  /**
   * Times the item failed (1 when first dead-lettered; a replay that fails again adds one).
   */
  'attempts': (number);
  'first_seen_at_ms': (number);
  'last_seen_at_ms': (number);
  /**
   * Replays started for this row, and when the last one started (0: never).
   */
  'replays': (number);
  'last_replayed_at_ms': (number);
}
