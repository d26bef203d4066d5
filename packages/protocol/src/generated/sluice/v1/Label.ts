// Original file: protos/sluice/v1/content.proto


export interface Label {
  'name'?: (string);
  'score'?: (number | string);
}

export interface Label__Output {
  'name': (string);
  'score': (number);
}
