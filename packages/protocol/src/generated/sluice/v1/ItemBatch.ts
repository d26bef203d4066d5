// Original file: protos/sluice/v1/pipeline.proto

import type { PipelineItem as _sluice_v1_PipelineItem, PipelineItem__Output as _sluice_v1_PipelineItem__Output } from '../../sluice/v1/PipelineItem.js';
import type { DeadLetter as _sluice_v1_DeadLetter, DeadLetter__Output as _sluice_v1_DeadLetter__Output } from '../../sluice/v1/DeadLetter.js';
import type { Long } from '@grpc/proto-loader';

export interface ItemBatch {
  /**
   * Unique per sender stream; acknowledgements name it.
   */
  'batch_id'?: (string);
  'items'?: (_sluice_v1_PipelineItem)[];
  'dead_letters'?: (_sluice_v1_DeadLetter)[];
  /**
   * Items not processed by then may be dropped by a stage and reported as expired (0: none).
   */
  'deadline_unix_ms'?: (number | string | Long);
}

export interface ItemBatch__Output {
  /**
   * Unique per sender stream; acknowledgements name it.
   */
  'batch_id': (string);
  'items': (_sluice_v1_PipelineItem__Output)[];
  'dead_letters': (_sluice_v1_DeadLetter__Output)[];
  /**
   * Items not processed by then may be dropped by a stage and reported as expired (0: none).
   */
  'deadline_unix_ms': (number);
}
