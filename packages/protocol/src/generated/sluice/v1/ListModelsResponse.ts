// Original file: protos/sluice/v1/inference.proto

import type { ModelInfo as _sluice_v1_ModelInfo, ModelInfo__Output as _sluice_v1_ModelInfo__Output } from '../../sluice/v1/ModelInfo.js';

export interface ListModelsResponse {
  'models'?: (_sluice_v1_ModelInfo)[];
}

export interface ListModelsResponse__Output {
  'models': (_sluice_v1_ModelInfo__Output)[];
}
