// Original file: protos/sluice/v1/persistence.proto


export interface ReleaseSourcesRequest {
  'owner'?: (string);
  'source_ids'?: (string)[];
}

export interface ReleaseSourcesRequest__Output {
  'owner': (string);
  'source_ids': (string)[];
}
