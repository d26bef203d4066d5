// Original file: protos/sluice/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface JobError {
  /**
   * Stable code, e.g. "source_error", "parse", "not_found".
   */
  'code'?: (string);
  'message'?: (string);
  'occurred_at_ms'?: (number | string | Long);
  /**
   * The source or line the error concerns, when there is one.
   */
  'subject'?: (string);
}

export interface JobError__Output {
  /**
   * Stable code, e.g. "source_error", "parse", "not_found".
   */
  'code': (string);
  'message': (string);
  'occurred_at_ms': (number);
  /**
   * The source or line the error concerns, when there is one.
   */
  'subject': (string);
}
