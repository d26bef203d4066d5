// Original file: protos/sluice/v1/pipeline.proto


/**
 * Sent by persistence after the transaction holding the batch committed, relayed back by every stage.
 */
export interface Ack {
  'batch_id'?: (string);
  /**
   * Every item of the batch that is now durable (stored, unchanged duplicate, or dead-lettered).
   */
  'item_ids'?: (string)[];
  'inserted'?: (number);
  'updated'?: (number);
  'unchanged'?: (number);
  'dead_lettered'?: (number);
  /**
   * Non-empty when the batch failed as a whole and must be retried by the sender.
   */
  'error'?: (string);
}

/**
 * Sent by persistence after the transaction holding the batch committed, relayed back by every stage.
 */
export interface Ack__Output {
  'batch_id': (string);
  /**
   * Every item of the batch that is now durable (stored, unchanged duplicate, or dead-lettered).
   */
  'item_ids': (string)[];
  'inserted': (number);
  'updated': (number);
  'unchanged': (number);
  'dead_lettered': (number);
  /**
   * Non-empty when the batch failed as a whole and must be retried by the sender.
   */
  'error': (string);
}
