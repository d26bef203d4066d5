// Original file: protos/sluice/v1/admin.proto


export interface VerifyApiKeyRequest {
  /**
   * Either the raw bearer token, or its sha256 hex (key_hash) when the caller hashed it already.
   */
  'raw_key'?: (string);
  'key_hash'?: (string);
}

export interface VerifyApiKeyRequest__Output {
  /**
   * Either the raw bearer token, or its sha256 hex (key_hash) when the caller hashed it already.
   */
  'raw_key': (string);
  'key_hash': (string);
}
