// Original file: protos/sluice/v1/inference.proto

import type { Vector as _sluice_v1_Vector, Vector__Output as _sluice_v1_Vector__Output } from '../../sluice/v1/Vector.js';

/**
 * Cosine similarity of many vectors against many profile vectors (interest profiles, a novelty window), computed
 * by an ONNX graph (MatMul, TopK) on the service's device and batched with other callers' requests.
 */
export interface SimilarityRequest {
  'queries'?: (_sluice_v1_Vector)[];
  'profiles'?: (_sluice_v1_Vector)[];
  /**
   * 0: every score (scores); k > 0: only each query's k best profiles (top_scores, top_indices), e.g. 1 for the
   * nearest neighbour in a novelty window. Capped at the number of profiles.
   */
  'top_k'?: (number);
}

/**
 * Cosine similarity of many vectors against many profile vectors (interest profiles, a novelty window), computed
 * by an ONNX graph (MatMul, TopK) on the service's device and batched with other callers' requests.
 */
export interface SimilarityRequest__Output {
  'queries': (_sluice_v1_Vector__Output)[];
  'profiles': (_sluice_v1_Vector__Output)[];
  /**
   * 0: every score (scores); k > 0: only each query's k best profiles (top_scores, top_indices), e.g. 1 for the
   * nearest neighbour in a novelty window. Capped at the number of profiles.
   */
  'top_k': (number);
}
