// Original file: protos/sluice/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface ApiKey {
  /**
   * Stable id (uuid) for listing and revoking.
   */
  'id'?: (string);
  'name'?: (string);
  /**
   * Any of "read", "write", "admin" ("admin" does not imply the others: grant what a key needs).
   */
  'scopes'?: (string)[];
  /**
   * Requests per minute the gateway allows for this key; 0 means the gateway's default.
   */
  'rate_limit_per_minute'?: (number);
  'revoked'?: (boolean);
  'created_at_ms'?: (number | string | Long);
  'revoked_at_ms'?: (number | string | Long);
  /**
   * First 12 characters of the raw key ("slk_abcdefgh"), to tell keys apart in listings.
   */
  'prefix'?: (string);
  /**
   * sha256 of the raw key, hex: what the gateway may cache keys by.
   */
  'key_hash'?: (string);
}

export interface ApiKey__Output {
  /**
   * Stable id (uuid) for listing and revoking.
   */
  'id': (string);
  'name': (string);
  /**
   * Any of "read", "write", "admin" ("admin" does not imply the others: grant what a key needs).
   */
  'scopes': (string)[];
  /**
   * Requests per minute the gateway allows for this key; 0 means the gateway's default.
   */
  'rate_limit_per_minute': (number);
  'revoked': (boolean);
  'created_at_ms': (number);
  'revoked_at_ms': (number);
  /**
   * First 12 characters of the raw key ("slk_abcdefgh"), to tell keys apart in listings.
   */
  'prefix': (string);
  /**
   * sha256 of the raw key, hex: what the gateway may cache keys by.
   */
  'key_hash': (string);
}
