// Original file: protos/sluice/v1/inference.proto


export interface ModelInfo {
  'name'?: (string);
  'task'?: (string);
  'execution_provider'?: (string);
  'max_length'?: (number);
  'dimensions'?: (number);
  'labels'?: (string)[];
  'ready'?: (boolean);
}

export interface ModelInfo__Output {
  'name': (string);
  'task': (string);
  'execution_provider': (string);
  'max_length': (number);
  'dimensions': (number);
  'labels': (string)[];
  'ready': (boolean);
}
