// Original file: protos/sluice/v1/inference.proto

import type { InferenceTiming as _sluice_v1_InferenceTiming, InferenceTiming__Output as _sluice_v1_InferenceTiming__Output } from '../../sluice/v1/InferenceTiming.js';

export interface EmbedResult {
  'id'?: (string);
  'values'?: (number | string)[];
  'timing'?: (_sluice_v1_InferenceTiming | null);
  /**
   * Non-empty when this input failed (code: expired, invalid_input, model_error).
   */
  'error'?: (string);
}

export interface EmbedResult__Output {
  'id': (string);
  'values': (number)[];
  'timing': (_sluice_v1_InferenceTiming__Output | null);
  /**
   * Non-empty when this input failed (code: expired, invalid_input, model_error).
   */
  'error': (string);
}
