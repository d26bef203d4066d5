// Original file: protos/sluice/v1/collector.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Progress of a run, streamed until every requested source is done and all its items are acknowledged.
 */
export interface RunProgress {
  'collected'?: (number | string | Long);
  'acknowledged'?: (number | string | Long);
  'stored'?: (number | string | Long);
  'dead_lettered'?: (number | string | Long);
  'source_errors'?: (number | string | Long);
  'sources_total'?: (number);
  'sources_done'?: (number);
  'done'?: (boolean);
  /**
   * Items known to exist when a source can tell (bulk files: bytes read / total bytes as items estimate).
   */
  'expected'?: (number | string | Long);
}

/**
 * Progress of a run, streamed until every requested source is done and all its items are acknowledged.
 */
export interface RunProgress__Output {
  'collected': (number);
  'acknowledged': (number);
  'stored': (number);
  'dead_lettered': (number);
  'source_errors': (number);
  'sources_total': (number);
  'sources_done': (number);
  'done': (boolean);
  /**
   * Items known to exist when a source can tell (bulk files: bytes read / total bytes as items estimate).
   */
  'expected': (number);
}
