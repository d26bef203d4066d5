// Original file: protos/sluice/v1/persistence.proto


export interface ListSourceErrorsRequest {
  'source_id'?: (string);
  'limit'?: (number);
}

export interface ListSourceErrorsRequest__Output {
  'source_id': (string);
  'limit': (number);
}
