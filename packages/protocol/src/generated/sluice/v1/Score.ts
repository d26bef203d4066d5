// Original file: protos/sluice/v1/content.proto

import type { ScoreComponent as _sluice_v1_ScoreComponent, ScoreComponent__Output as _sluice_v1_ScoreComponent__Output } from '../../sluice/v1/ScoreComponent.js';

export interface Score {
  /**
   * Weighted sum of components, 0..1.
   */
  'value'?: (number | string);
  'components'?: (_sluice_v1_ScoreComponent)[];
  'formula_version'?: (string);
}

export interface Score__Output {
  /**
   * Weighted sum of components, 0..1.
   */
  'value': (number);
  'components': (_sluice_v1_ScoreComponent__Output)[];
  'formula_version': (string);
}
