// Original file: protos/sluice/v1/content.proto


/**
 * A piece of an item's text that fits the model's maximum length.
 */
export interface TextChunk {
  'index'?: (number);
  'text'?: (string);
  'token_count'?: (number);
}

/**
 * A piece of an item's text that fits the model's maximum length.
 */
export interface TextChunk__Output {
  'index': (number);
  'text': (string);
  'token_count': (number);
}
