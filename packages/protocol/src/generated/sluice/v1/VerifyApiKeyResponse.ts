// Original file: protos/sluice/v1/admin.proto

import type { ApiKey as _sluice_v1_ApiKey, ApiKey__Output as _sluice_v1_ApiKey__Output } from '../../sluice/v1/ApiKey.js';

export interface VerifyApiKeyResponse {
  /**
   * False when no key has this hash.
   */
  'found'?: (boolean);
  /**
   * Set when found; check key.revoked before trusting it.
   */
  'key'?: (_sluice_v1_ApiKey | null);
}

export interface VerifyApiKeyResponse__Output {
  /**
   * False when no key has this hash.
   */
  'found': (boolean);
  /**
   * Set when found; check key.revoked before trusting it.
   */
  'key': (_sluice_v1_ApiKey__Output | null);
}
