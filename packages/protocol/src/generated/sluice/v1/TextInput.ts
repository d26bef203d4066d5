// Original file: protos/sluice/v1/inference.proto


export interface TextInput {
  /**
   * Caller's id for this text (echoed back).
   */
  'id'?: (string);
  'text'?: (string);
  /**
   * Optional content hash: enables the result cache.
   */
  'content_hash'?: (string);
  /**
   * 0..9, higher is served first.
   */
  'priority'?: (number);
}

export interface TextInput__Output {
  /**
   * Caller's id for this text (echoed back).
   */
  'id': (string);
  'text': (string);
  /**
   * Optional content hash: enables the result cache.
   */
  'content_hash': (string);
  /**
   * 0..9, higher is served first.
   */
  'priority': (number);
}
