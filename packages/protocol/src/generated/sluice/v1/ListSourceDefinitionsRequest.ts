// Original file: protos/sluice/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface ListSourceDefinitionsRequest {
  'enabled_only'?: (boolean);
  /**
   * Only definitions changed after this time (0: all), for a collector that polls for changes.
   */
  'updated_since_ms'?: (number | string | Long);
}

export interface ListSourceDefinitionsRequest__Output {
  'enabled_only': (boolean);
  /**
   * Only definitions changed after this time (0: all), for a collector that polls for changes.
   */
  'updated_since_ms': (number);
}
