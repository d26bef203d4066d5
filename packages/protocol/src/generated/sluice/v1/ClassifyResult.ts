// Original file: protos/sluice/v1/inference.proto

import type { Classification as _sluice_v1_Classification, Classification__Output as _sluice_v1_Classification__Output } from '../../sluice/v1/Classification.js';
import type { InferenceTiming as _sluice_v1_InferenceTiming, InferenceTiming__Output as _sluice_v1_InferenceTiming__Output } from '../../sluice/v1/InferenceTiming.js';

export interface ClassifyResult {
  'id'?: (string);
  'classifications'?: (_sluice_v1_Classification)[];
  'timing'?: (_sluice_v1_InferenceTiming | null);
  'error'?: (string);
}

export interface ClassifyResult__Output {
  'id': (string);
  'classifications': (_sluice_v1_Classification__Output)[];
  'timing': (_sluice_v1_InferenceTiming__Output | null);
  'error': (string);
}
