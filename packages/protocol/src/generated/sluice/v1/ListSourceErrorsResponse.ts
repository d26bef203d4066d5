// Original file: protos/sluice/v1/persistence.proto

import type { SourceError as _sluice_v1_SourceError, SourceError__Output as _sluice_v1_SourceError__Output } from '../../sluice/v1/SourceError.js';

export interface ListSourceErrorsResponse {
  'errors'?: (_sluice_v1_SourceError)[];
}

export interface ListSourceErrorsResponse__Output {
  'errors': (_sluice_v1_SourceError__Output)[];
}
