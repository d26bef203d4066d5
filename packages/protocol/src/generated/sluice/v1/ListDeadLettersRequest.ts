// Original file: protos/sluice/v1/admin.proto

import type { DeadLetterFilter as _sluice_v1_DeadLetterFilter, DeadLetterFilter__Output as _sluice_v1_DeadLetterFilter__Output } from '../../sluice/v1/DeadLetterFilter.js';

export interface ListDeadLettersRequest {
  'filter'?: (_sluice_v1_DeadLetterFilter | null);
  /**
   * Default 50, at most 500.
   */
  'limit'?: (number);
  /**
   * Opaque cursor from a previous response (newest first).
   */
  'cursor'?: (string);
}

export interface ListDeadLettersRequest__Output {
  'filter': (_sluice_v1_DeadLetterFilter__Output | null);
  /**
   * Default 50, at most 500.
   */
  'limit': (number);
  /**
   * Opaque cursor from a previous response (newest first).
   */
  'cursor': (string);
}
