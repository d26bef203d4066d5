// Original file: protos/sluice/v1/content.proto


export interface Embedding {
  'model'?: (string);
  'values'?: (number | string)[];
}

export interface Embedding__Output {
  'model': (string);
  'values': (number)[];
}
