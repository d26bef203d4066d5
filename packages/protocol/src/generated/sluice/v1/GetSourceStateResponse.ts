// Original file: protos/sluice/v1/persistence.proto

import type { SourceState as _sluice_v1_SourceState, SourceState__Output as _sluice_v1_SourceState__Output } from '../../sluice/v1/SourceState.js';

export interface GetSourceStateResponse {
  'states'?: (_sluice_v1_SourceState)[];
}

export interface GetSourceStateResponse__Output {
  'states': (_sluice_v1_SourceState__Output)[];
}
