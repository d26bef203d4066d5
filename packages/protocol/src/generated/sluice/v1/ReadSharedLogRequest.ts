// Original file: protos/sluice/v1/shared.proto

import type { Long } from '@grpc/proto-loader';

export interface ReadSharedLogRequest {
  'log'?: (string);
  /**
   * Entries with seq > after_seq, ascending.
   */
  'after_seq'?: (number | string | Long);
  /**
   * Default 1000, at most 10000.
   */
  'limit'?: (number);
  /**
   * Skip entries older than the newest `retain_entries` (0: none skipped).
   */
  'retain_entries'?: (number);
}

export interface ReadSharedLogRequest__Output {
  'log': (string);
  /**
   * Entries with seq > after_seq, ascending.
   */
  'after_seq': (number);
  /**
   * Default 1000, at most 10000.
   */
  'limit': (number);
  /**
   * Skip entries older than the newest `retain_entries` (0: none skipped).
   */
  'retain_entries': (number);
}
