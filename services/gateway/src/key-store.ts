// API keys stored by persistence (created through POST /v1/keys), verified by hash.
import {
  type PersistenceAdminClient,
  type VerifyApiKeyRequest,
  type VerifyApiKeyResponse__Output,
} from '@sluice/protocol';
import type { ApiKeyStore, Principal } from './auth.js';
import { isScope } from '@sluice/common';
import type { UpstreamCaller } from './upstream-caller.js';

export class PersistenceKeyStore implements ApiKeyStore {
  constructor(
    private readonly admin: PersistenceAdminClient,
    private readonly caller: UpstreamCaller,
  ) {}

  async verify(keyHash: string): Promise<Principal | undefined> {
    let response: VerifyApiKeyResponse__Output;
    try {
      response = await this.caller.call<VerifyApiKeyRequest, VerifyApiKeyResponse__Output>(
        'persistence',
        this.admin,
        this.admin.VerifyApiKey,
        { key_hash: keyHash },
      );
    } catch (error) {
      // A persistence without the admin service simply has no stored keys.
      if ((error as { code?: string }).code === 'not_implemented') return undefined;
      throw error;
    }
    const key = response.key;
    if (!response.found || !key || key.revoked) return undefined;
    const scopes = new Set(key.scopes.filter(isScope));
    return { id: `key:${key.id}`, name: key.name, scopes, rateLimitPerMinute: key.rate_limit_per_minute };
  }
}
