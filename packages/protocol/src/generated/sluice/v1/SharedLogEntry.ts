// Original file: protos/sluice/v1/shared.proto

import type { Long } from '@grpc/proto-loader';

export interface SharedLogEntry {
  /**
   * Position in its log: 1, 2, 3, ... without gaps.
   */
  'seq'?: (number | string | Long);
  /**
   * Opaque to persistence; each log documents its encoding (services/<name>/src/shared-*.ts).
   */
  'payload'?: (Buffer | Uint8Array | string);
  /**
   * Replica id of the appender (for logs and debugging).
   */
  'replica'?: (string);
}

export interface SharedLogEntry__Output {
  /**
   * Position in its log: 1, 2, 3, ... without gaps.
   */
  'seq': (number);
  /**
   * Opaque to persistence; each log documents its encoding (services/<name>/src/shared-*.ts).
   */
  'payload': (Buffer);
  /**
   * Replica id of the appender (for logs and debugging).
   */
  'replica': (string);
}
