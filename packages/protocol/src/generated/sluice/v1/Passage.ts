// Original file: protos/sluice/v1/persistence.proto


/**
 * The chunk of a long item that best matches the query.
 */
export interface Passage {
  'index'?: (number);
  'text'?: (string);
  'similarity'?: (number | string);
}

/**
 * The chunk of a long item that best matches the query.
 */
export interface Passage__Output {
  'index': (number);
  'text': (string);
  'similarity': (number);
}
