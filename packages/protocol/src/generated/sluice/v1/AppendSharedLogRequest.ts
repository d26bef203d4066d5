// Original file: protos/sluice/v1/shared.proto

import type { Long } from '@grpc/proto-loader';

export interface AppendSharedLogRequest {
  /**
   * "dedup" or "novelty".
   */
  'log'?: (string);
  /**
   * The last seq this replica has seen (0: none). The append succeeds only when it is still the log's head.
   */
  'expected_seq'?: (number | string | Long);
  'payloads'?: (Buffer | Uint8Array | string)[];
  'replica'?: (string);
  /**
   * Entries to keep: entries older than the newest `retain_entries` are deleted (0: keep everything).
   */
  'retain_entries'?: (number);
  /**
   * On a refused append: at most this many of the entries after expected_seq are returned (default 1000,
   * at most 10000), the newest `retain_entries` only.
   */
  'read_limit'?: (number);
}

export interface AppendSharedLogRequest__Output {
  /**
   * "dedup" or "novelty".
   */
  'log': (string);
  /**
   * The last seq this replica has seen (0: none). The append succeeds only when it is still the log's head.
   */
  'expected_seq': (number);
  'payloads': (Buffer)[];
  'replica': (string);
  /**
   * Entries to keep: entries older than the newest `retain_entries` are deleted (0: keep everything).
   */
  'retain_entries': (number);
  /**
   * On a refused append: at most this many of the entries after expected_seq are returned (default 1000,
   * at most 10000), the newest `retain_entries` only.
   */
  'read_limit': (number);
}
