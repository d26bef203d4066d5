// Original file: protos/sluice/v1/persistence.proto

import type { Long } from '@grpc/proto-loader';

export interface LeaseSourcesRequest {
  /**
   * Replica id of the collector asking.
   */
  'owner'?: (string);
  /**
   * Candidate sources (all the collector knows); only due, unleased ones are granted.
   */
  'source_ids'?: (string)[];
  'max_sources'?: (number);
  'lease_duration_ms'?: (number | string | Long);
}

export interface LeaseSourcesRequest__Output {
  /**
   * Replica id of the collector asking.
   */
  'owner': (string);
  /**
   * Candidate sources (all the collector knows); only due, unleased ones are granted.
   */
  'source_ids': (string)[];
  'max_sources': (number);
  'lease_duration_ms': (number);
}
