// Original file: protos/sluice/v1/admin.proto


export interface DeleteSourceDefinitionRequest {
  'id'?: (string);
}

export interface DeleteSourceDefinitionRequest__Output {
  'id': (string);
}
