// Original file: protos/sluice/v1/shared.proto

import type { SharedLogEntry as _sluice_v1_SharedLogEntry, SharedLogEntry__Output as _sluice_v1_SharedLogEntry__Output } from '../../sluice/v1/SharedLogEntry.js';
import type { Long } from '@grpc/proto-loader';

export interface ReadSharedLogResponse {
  'entries'?: (_sluice_v1_SharedLogEntry)[];
  'last_seq'?: (number | string | Long);
  /**
   * False when more entries follow the last one returned.
   */
  'complete'?: (boolean);
}

export interface ReadSharedLogResponse__Output {
  'entries': (_sluice_v1_SharedLogEntry__Output)[];
  'last_seq': (number);
  /**
   * False when more entries follow the last one returned.
   */
  'complete': (boolean);
}
