// Original file: protos/sluice/v1/persistence.proto


export interface GetItemRequest {
  'id'?: (string);
}

export interface GetItemRequest__Output {
  'id': (string);
}
