// Original file: protos/sluice/v1/content.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Where time went for one item inside the inference service.
 */
export interface InferenceTiming {
  'queue_ns'?: (number | string | Long);
  'tokenization_ns'?: (number | string | Long);
  'inference_ns'?: (number | string | Long);
}

/**
 * Where time went for one item inside the inference service.
 */
export interface InferenceTiming__Output {
  'queue_ns': (number);
  'tokenization_ns': (number);
  'inference_ns': (number);
}
