// Original file: protos/sluice/v1/admin.proto

import type { ApiKey as _sluice_v1_ApiKey, ApiKey__Output as _sluice_v1_ApiKey__Output } from '../../sluice/v1/ApiKey.js';

export interface ListApiKeysResponse {
  'keys'?: (_sluice_v1_ApiKey)[];
}

export interface ListApiKeysResponse__Output {
  'keys': (_sluice_v1_ApiKey__Output)[];
}
