// Original file: protos/sluice/v1/shared.proto


export interface TakeRateTokensRequest {
  /**
   * The bucket, e.g. "key:<api key id>".
   */
  'key'?: (string);
  /**
   * Refill rate; the bucket holds at most capacity tokens (it starts full).
   */
  'per_minute'?: (number | string);
  'capacity'?: (number | string);
  /**
   * Tokens wanted: a replica reserves a few at a time and spends them locally (at least 1).
   */
  'want'?: (number);
}

export interface TakeRateTokensRequest__Output {
  /**
   * The bucket, e.g. "key:<api key id>".
   */
  'key': (string);
  /**
   * Refill rate; the bucket holds at most capacity tokens (it starts full).
   */
  'per_minute': (number);
  'capacity': (number);
  /**
   * Tokens wanted: a replica reserves a few at a time and spends them locally (at least 1).
   */
  'want': (number);
}
