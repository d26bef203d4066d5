// Original file: protos/sluice/v1/admin.proto


export interface DeleteSourceDefinitionResponse {
  'deleted'?: (boolean);
}

export interface DeleteSourceDefinitionResponse__Output {
  'deleted': (boolean);
}
