// Original file: protos/sluice/v1/admin.proto

import type { ApiKey as _sluice_v1_ApiKey, ApiKey__Output as _sluice_v1_ApiKey__Output } from '../../sluice/v1/ApiKey.js';

export interface RevokeApiKeyResponse {
  /**
   * False when no key has this id. Revoking a revoked key again returns true and keeps the first revoked_at_ms.
   */
  'found'?: (boolean);
  'key'?: (_sluice_v1_ApiKey | null);
}

export interface RevokeApiKeyResponse__Output {
  /**
   * False when no key has this id. Revoking a revoked key again returns true and keeps the first revoked_at_ms.
   */
  'found': (boolean);
  'key': (_sluice_v1_ApiKey__Output | null);
}
