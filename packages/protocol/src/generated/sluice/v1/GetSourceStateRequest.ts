// Original file: protos/sluice/v1/persistence.proto


export interface GetSourceStateRequest {
  'source_ids'?: (string)[];
}

export interface GetSourceStateRequest__Output {
  'source_ids': (string)[];
}
