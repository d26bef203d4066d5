// Original file: protos/sluice/v1/shared.proto

import type { Long } from '@grpc/proto-loader';

export interface TakeRateTokensResponse {
  /**
   * Tokens taken (0..want): whole tokens only.
   */
  'granted'?: (number);
  /**
   * Tokens left in the bucket after this call.
   */
  'remaining'?: (number | string);
  /**
   * When nothing was granted: milliseconds until one token is there again.
   */
  'retry_after_ms'?: (number | string | Long);
}

export interface TakeRateTokensResponse__Output {
  /**
   * Tokens taken (0..want): whole tokens only.
   */
  'granted': (number);
  /**
   * Tokens left in the bucket after this call.
   */
  'remaining': (number);
  /**
   * When nothing was granted: milliseconds until one token is there again.
   */
  'retry_after_ms': (number);
}
