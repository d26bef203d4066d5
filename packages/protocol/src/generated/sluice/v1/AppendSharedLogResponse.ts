// Original file: protos/sluice/v1/shared.proto

import type { SharedLogEntry as _sluice_v1_SharedLogEntry, SharedLogEntry__Output as _sluice_v1_SharedLogEntry__Output } from '../../sluice/v1/SharedLogEntry.js';
import type { Long } from '@grpc/proto-loader';

export interface AppendSharedLogResponse {
  /**
   * True when the payloads were appended: their seqs are last_seq − n + 1 .. last_seq.
   */
  'appended'?: (boolean);
  /**
   * The log's head after this call.
   */
  'last_seq'?: (number | string | Long);
  /**
   * When refused: entries after expected_seq the caller has not seen (ascending, oldest first; entries beyond
   * the retention window are skipped). `complete` false: more follow, read them with ReadSharedLog.
   */
  'missed'?: (_sluice_v1_SharedLogEntry)[];
  'complete'?: (boolean);
}

export interface AppendSharedLogResponse__Output {
  /**
   * True when the payloads were appended: their seqs are last_seq − n + 1 .. last_seq.
   */
  'appended': (boolean);
  /**
   * The log's head after this call.
   */
  'last_seq': (number);
  /**
   * When refused: entries after expected_seq the caller has not seen (ascending, oldest first; entries beyond
   * the retention window are skipped). `complete` false: more follow, read them with ReadSharedLog.
   */
  'missed': (_sluice_v1_SharedLogEntry__Output)[];
  'complete': (boolean);
}
