// Original file: protos/sluice/v1/persistence.proto

import type { Long } from '@grpc/proto-loader';

export interface SourceError {
  'source_id'?: (string);
  /**
   * Stable code: http_status, timeout, connection, parse, ssrf_blocked, too_large, circuit_open, ...
   */
  'code'?: (string);
  'message'?: (string);
  'occurred_at_ms'?: (number | string | Long);
  'http_status'?: (number);
  'url'?: (string);
}

export interface SourceError__Output {
  'source_id': (string);
  /**
   * Stable code: http_status, timeout, connection, parse, ssrf_blocked, too_large, circuit_open, ...
   */
  'code': (string);
  'message': (string);
  'occurred_at_ms': (number);
  'http_status': (number);
  'url': (string);
}
