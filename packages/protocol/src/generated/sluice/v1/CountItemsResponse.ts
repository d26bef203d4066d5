// Original file: protos/sluice/v1/persistence.proto

import type { Long } from '@grpc/proto-loader';

export interface CountItemsResponse {
  'items'?: (number | string | Long);
  'dead_letters'?: (number | string | Long);
  'source_errors'?: (number | string | Long);
}

export interface CountItemsResponse__Output {
  'items': (number);
  'dead_letters': (number);
  'source_errors': (number);
}
