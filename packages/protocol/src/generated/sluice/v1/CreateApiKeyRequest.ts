// Original file: protos/sluice/v1/admin.proto


export interface CreateApiKeyRequest {
  'name'?: (string);
  'scopes'?: (string)[];
  'rate_limit_per_minute'?: (number);
  /**
   * Optional: store this raw key instead of generating one (e.g. a bootstrap admin key from the environment).
   * Must be at least 32 characters. Creating the same raw key twice returns the existing key (idempotent).
   */
  'raw_key'?: (string);
}

export interface CreateApiKeyRequest__Output {
  'name': (string);
  'scopes': (string)[];
  'rate_limit_per_minute': (number);
  /**
   * Optional: store this raw key instead of generating one (e.g. a bootstrap admin key from the environment).
   * Must be at least 32 characters. Creating the same raw key twice returns the existing key (idempotent).
   */
  'raw_key': (string);
}
