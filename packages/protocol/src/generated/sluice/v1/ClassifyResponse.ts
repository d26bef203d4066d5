// Original file: protos/sluice/v1/inference.proto

import type { ClassifyResult as _sluice_v1_ClassifyResult, ClassifyResult__Output as _sluice_v1_ClassifyResult__Output } from '../../sluice/v1/ClassifyResult.js';

export interface ClassifyResponse {
  'results'?: (_sluice_v1_ClassifyResult)[];
}

export interface ClassifyResponse__Output {
  'results': (_sluice_v1_ClassifyResult__Output)[];
}
