// Original file: protos/sluice/v1/inference.proto

import type { EmbedResult as _sluice_v1_EmbedResult, EmbedResult__Output as _sluice_v1_EmbedResult__Output } from '../../sluice/v1/EmbedResult.js';

export interface EmbedResponse {
  'model'?: (string);
  'results'?: (_sluice_v1_EmbedResult)[];
}

export interface EmbedResponse__Output {
  'model': (string);
  'results': (_sluice_v1_EmbedResult__Output)[];
}
