// API keys as bearer tokens. A key is known by sha256(raw key) only, from three places, checked in order:
// the bootstrap key in $SLUICE_API_KEY (all scopes: the CLI sets it for the main job), keys configured by
// hash in gateway.api_keys, and keys stored by persistence (PersistenceAdmin.VerifyApiKey), cached briefly.
import { createHash } from 'node:crypto';
import type { ConfiguredKey, Scope } from './settings.js';

export interface Principal {
  /** Stable id: for rate limiting and logs (never the key itself). */
  id: string;
  name: string;
  scopes: ReadonlySet<Scope>;
  /** 0: the gateway default. */
  rateLimitPerMinute: number;
}

/** Keys kept by another service (persistence). `undefined`: no such key, or revoked. */
export interface ApiKeyStore {
  verify(keyHash: string): Promise<Principal | undefined>;
}

export function hashKey(rawKey: string): string {
  return createHash('sha256').update(rawKey, 'utf8').digest('hex');
}

/** Extracts the token from "Authorization: Bearer <token>" (also accepts "X-API-Key: <token>"). */
export function bearerToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return match?.[1];
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 ? apiKey : undefined;
}

export interface AuthenticatorOptions {
  bootstrapKey?: string;
  configuredKeys?: readonly ConfiguredKey[];
  store?: ApiKeyStore;
  cacheSeconds?: number;
  /** Most cached lookups; unknown tokens are cached too, so bound it against random-token floods. */
  maxCacheEntries?: number;
}

interface CacheEntry {
  principal: Principal | undefined;
  expiresAt: number;
}

export class Authenticator {
  readonly #static = new Map<string, Principal>();
  readonly #cache = new Map<string, CacheEntry>();
  readonly #store?: ApiKeyStore;
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(options: AuthenticatorOptions) {
    if (options.bootstrapKey) {
      this.#static.set(hashKey(options.bootstrapKey), {
        id: 'bootstrap',
        name: 'bootstrap (SLUICE_API_KEY)',
        scopes: new Set<Scope>(['read', 'write', 'admin']),
        rateLimitPerMinute: 0,
      });
    }
    for (const key of options.configuredKeys ?? []) {
      this.#static.set(key.sha256, {
        id: `config:${key.name}`,
        name: key.name,
        scopes: new Set(key.scopes),
        rateLimitPerMinute: key.rate_limit_per_minute,
      });
    }
    this.#store = options.store;
    this.#ttlMs = (options.cacheSeconds ?? 30) * 1000;
    this.#maxEntries = options.maxCacheEntries ?? 10_000;
  }

  /** Whether any key can possibly authenticate (else every protected route answers 401). */
  get hasKeys(): boolean {
    return this.#static.size > 0 || this.#store !== undefined;
  }

  /** Resolves the principal for a raw token; `undefined` when the key is unknown or revoked. */
  async authenticate(rawKey: string): Promise<Principal | undefined> {
    const hash = hashKey(rawKey);
    const known = this.#static.get(hash);
    if (known) return known;
    if (!this.#store) return undefined;
    const now = Date.now();
    const cached = this.#cache.get(hash);
    if (cached && cached.expiresAt > now) return cached.principal;
    // A store failure propagates (503), so an outage is not mistaken for a bad key.
    const principal = await this.#store.verify(hash);
    if (this.#cache.size >= this.#maxEntries) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.delete(hash);
    this.#cache.set(hash, { principal, expiresAt: now + this.#ttlMs });
    return principal;
  }

  /** Forgets cached lookups (after a key was revoked through this gateway). */
  invalidate(): void {
    this.#cache.clear();
  }
}
