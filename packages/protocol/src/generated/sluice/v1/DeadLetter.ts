// Original file: protos/sluice/v1/pipeline.proto


/**
 * An item a stage could not process: it goes to the dead-letter table with the reason, and is acknowledged.
 */
export interface DeadLetter {
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
   * The item as JSON, so nothing is lost.
   */
  'payload_json'?: (string);
}

/**
 * An item a stage could not process: it goes to the dead-letter table with the reason, and is acknowledged.
 */
export interface DeadLetter__Output {
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
   * The item as JSON, so nothing is lost.
   */
  'payload_json': (string);
}
