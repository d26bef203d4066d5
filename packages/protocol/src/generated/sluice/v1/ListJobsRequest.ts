// Original file: protos/sluice/v1/admin.proto


export interface ListJobsRequest {
  /**
   * Filters; empty means any.
   */
  'status'?: (string);
  'kind'?: (string);
  /**
   * Default 50, at most 500.
   */
  'limit'?: (number);
  /**
   * Opaque cursor from a previous response (newest first).
   */
  'cursor'?: (string);
}

export interface ListJobsRequest__Output {
  /**
   * Filters; empty means any.
   */
  'status': (string);
  'kind': (string);
  /**
   * Default 50, at most 500.
   */
  'limit': (number);
  /**
   * Opaque cursor from a previous response (newest first).
   */
  'cursor': (string);
}
