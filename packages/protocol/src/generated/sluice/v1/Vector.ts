// Original file: protos/sluice/v1/inference.proto


export interface Vector {
  'values'?: (number | string)[];
}

export interface Vector__Output {
  'values': (number)[];
}
