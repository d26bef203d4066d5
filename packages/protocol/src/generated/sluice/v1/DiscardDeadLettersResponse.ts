// Original file: protos/sluice/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface DiscardDeadLettersResponse {
  'discarded'?: (number | string | Long);
}

export interface DiscardDeadLettersResponse__Output {
  'discarded': (number);
}
