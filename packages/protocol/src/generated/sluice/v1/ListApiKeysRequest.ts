// Original file: protos/sluice/v1/admin.proto


export interface ListApiKeysRequest {
  'include_revoked'?: (boolean);
}

export interface ListApiKeysRequest__Output {
  'include_revoked': (boolean);
}
