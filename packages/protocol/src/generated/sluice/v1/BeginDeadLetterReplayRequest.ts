// Original file: protos/sluice/v1/admin.proto

import type { DeadLetterFilter as _sluice_v1_DeadLetterFilter, DeadLetterFilter__Output as _sluice_v1_DeadLetterFilter__Output } from '../../sluice/v1/DeadLetterFilter.js';
import type { Long } from '@grpc/proto-loader';

export interface BeginDeadLetterReplayRequest {
  /**
   * These rows; or, when empty, the oldest rows matching the filter (up to limit).
   */
  'ids'?: (number | string | Long)[];
  'filter'?: (_sluice_v1_DeadLetterFilter | null);
  /**
   * Default 100, at most 1000.
   */
  'limit'?: (number);
}

export interface BeginDeadLetterReplayRequest__Output {
  /**
   * These rows; or, when empty, the oldest rows matching the filter (up to limit).
   */
  'ids': (number)[];
  'filter': (_sluice_v1_DeadLetterFilter__Output | null);
  /**
   * Default 100, at most 1000.
   */
  'limit': (number);
}
