// Original file: protos/sluice/v1/inference.proto

import type { EmbedResponse as _sluice_v1_EmbedResponse, EmbedResponse__Output as _sluice_v1_EmbedResponse__Output } from '../../sluice/v1/EmbedResponse.js';
import type { ClassifyResponse as _sluice_v1_ClassifyResponse, ClassifyResponse__Output as _sluice_v1_ClassifyResponse__Output } from '../../sluice/v1/ClassifyResponse.js';
import type { SimilarityResponse as _sluice_v1_SimilarityResponse, SimilarityResponse__Output as _sluice_v1_SimilarityResponse__Output } from '../../sluice/v1/SimilarityResponse.js';

export interface InferResponse {
  'request_id'?: (string);
  'embed'?: (_sluice_v1_EmbedResponse | null);
  'classify'?: (_sluice_v1_ClassifyResponse | null);
  'similarity'?: (_sluice_v1_SimilarityResponse | null);
  /**
   * gRPC status code name when the request failed as a whole (RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, ...).
   */
  'error_code'?: (string);
  'error_message'?: (string);
  'kind'?: "embed"|"classify"|"similarity";
}

export interface InferResponse__Output {
  'request_id': (string);
  'embed'?: (_sluice_v1_EmbedResponse__Output | null);
  'classify'?: (_sluice_v1_ClassifyResponse__Output | null);
  'similarity'?: (_sluice_v1_SimilarityResponse__Output | null);
  /**
   * gRPC status code name when the request failed as a whole (RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, ...).
   */
  'error_code': (string);
  'error_message': (string);
  'kind'?: "embed"|"classify"|"similarity";
}
