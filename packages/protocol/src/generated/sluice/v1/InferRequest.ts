// Original file: protos/sluice/v1/inference.proto

import type { EmbedRequest as _sluice_v1_EmbedRequest, EmbedRequest__Output as _sluice_v1_EmbedRequest__Output } from '../../sluice/v1/EmbedRequest.js';
import type { ClassifyRequest as _sluice_v1_ClassifyRequest, ClassifyRequest__Output as _sluice_v1_ClassifyRequest__Output } from '../../sluice/v1/ClassifyRequest.js';
import type { SimilarityRequest as _sluice_v1_SimilarityRequest, SimilarityRequest__Output as _sluice_v1_SimilarityRequest__Output } from '../../sluice/v1/SimilarityRequest.js';

/**
 * One message of the bidirectional streaming API: exactly one of the requests is set.
 */
export interface InferRequest {
  'request_id'?: (string);
  'embed'?: (_sluice_v1_EmbedRequest | null);
  'classify'?: (_sluice_v1_ClassifyRequest | null);
  'similarity'?: (_sluice_v1_SimilarityRequest | null);
  'kind'?: "embed"|"classify"|"similarity";
}

/**
 * One message of the bidirectional streaming API: exactly one of the requests is set.
 */
export interface InferRequest__Output {
  'request_id': (string);
  'embed'?: (_sluice_v1_EmbedRequest__Output | null);
  'classify'?: (_sluice_v1_ClassifyRequest__Output | null);
  'similarity'?: (_sluice_v1_SimilarityRequest__Output | null);
  'kind'?: "embed"|"classify"|"similarity";
}
