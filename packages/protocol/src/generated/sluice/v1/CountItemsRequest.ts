// Original file: protos/sluice/v1/persistence.proto


export interface CountItemsRequest {
  'source_ids'?: (string)[];
}

export interface CountItemsRequest__Output {
  'source_ids': (string)[];
}
