// Original file: protos/sluice/v1/persistence.proto

import type { Long } from '@grpc/proto-loader';

export interface LeaseSourcesResponse {
  'source_ids'?: (string)[];
  'expires_at_ms'?: (number | string | Long);
}

export interface LeaseSourcesResponse__Output {
  'source_ids': (string)[];
  'expires_at_ms': (number);
}
