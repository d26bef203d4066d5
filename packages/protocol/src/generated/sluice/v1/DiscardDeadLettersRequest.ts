// Original file: protos/sluice/v1/admin.proto

import type { DeadLetterFilter as _sluice_v1_DeadLetterFilter, DeadLetterFilter__Output as _sluice_v1_DeadLetterFilter__Output } from '../../sluice/v1/DeadLetterFilter.js';
import type { Long } from '@grpc/proto-loader';

export interface DiscardDeadLettersRequest {
  /**
   * These rows; or, when empty, every row matching the filter (which must name something, unless all is set).
   */
  'ids'?: (number | string | Long)[];
  'filter'?: (_sluice_v1_DeadLetterFilter | null);
  'all'?: (boolean);
}

export interface DiscardDeadLettersRequest__Output {
  /**
   * These rows; or, when empty, every row matching the filter (which must name something, unless all is set).
   */
  'ids': (number)[];
  'filter': (_sluice_v1_DeadLetterFilter__Output | null);
  'all': (boolean);
}
