// Original file: protos/sluice/v1/persistence.proto

import type { SourceState as _sluice_v1_SourceState, SourceState__Output as _sluice_v1_SourceState__Output } from '../../sluice/v1/SourceState.js';

export interface SaveSourceStateRequest {
  'state'?: (_sluice_v1_SourceState | null);
  /**
   * When set, the save only succeeds while this owner holds the source's lease.
   */
  'lease_owner'?: (string);
}

export interface SaveSourceStateRequest__Output {
  'state': (_sluice_v1_SourceState__Output | null);
  /**
   * When set, the save only succeeds while this owner holds the source's lease.
   */
  'lease_owner': (string);
}
