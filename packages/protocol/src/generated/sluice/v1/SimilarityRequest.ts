// Original file: protos/sluice/v1/inference.proto

import type { Vector as _sluice_v1_Vector, Vector__Output as _sluice_v1_Vector__Output } from '../../sluice/v1/Vector.js';

/**
 * Cosine similarity of many vectors against many profile vectors.
 */
export interface SimilarityRequest {
  'queries'?: (_sluice_v1_Vector)[];
  'profiles'?: (_sluice_v1_Vector)[];
}

/**
 * Cosine similarity of many vectors against many profile vectors.
 */
export interface SimilarityRequest__Output {
  'queries': (_sluice_v1_Vector__Output)[];
  'profiles': (_sluice_v1_Vector__Output)[];
}
