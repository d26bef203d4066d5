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
  /**
   * Each candidate's priority (0 lowest .. 9 highest), parallel to source_ids; empty: all equal. With room for
   * fewer than are due, the most urgent are granted first: priority + one level per priority_aging_ms overdue.
   */
  'priorities'?: (number)[];
  'priority_aging_ms'?: (number | string | Long);
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
  /**
   * Each candidate's priority (0 lowest .. 9 highest), parallel to source_ids; empty: all equal. With room for
   * fewer than are due, the most urgent are granted first: priority + one level per priority_aging_ms overdue.
   */
  'priorities': (number)[];
  'priority_aging_ms': (number);
}
