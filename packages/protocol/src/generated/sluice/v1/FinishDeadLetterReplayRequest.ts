// Original file: protos/sluice/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface FinishDeadLetterReplayRequest {
  /**
   * Rows whose replayed item the pipeline acknowledged. A row (or another row of the same item) seen after the
   * row's last replay started is a new failure.
   */
  'ids'?: (number | string | Long)[];
}

export interface FinishDeadLetterReplayRequest__Output {
  /**
   * Rows whose replayed item the pipeline acknowledged. A row (or another row of the same item) seen after the
   * row's last replay started is a new failure.
   */
  'ids': (number)[];
}
