// Original file: protos/sluice/v1/admin.proto

import type { ApiKey as _sluice_v1_ApiKey, ApiKey__Output as _sluice_v1_ApiKey__Output } from '../../sluice/v1/ApiKey.js';

export interface CreateApiKeyResponse {
  'key'?: (_sluice_v1_ApiKey | null);
  /**
   * The raw key; shown once, never stored.
   */
  'raw_key'?: (string);
}

export interface CreateApiKeyResponse__Output {
  'key': (_sluice_v1_ApiKey__Output | null);
  /**
   * The raw key; shown once, never stored.
   */
  'raw_key': (string);
}
