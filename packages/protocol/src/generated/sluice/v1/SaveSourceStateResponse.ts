// Original file: protos/sluice/v1/persistence.proto


export interface SaveSourceStateResponse {
  'saved'?: (boolean);
}

export interface SaveSourceStateResponse__Output {
  'saved': (boolean);
}
