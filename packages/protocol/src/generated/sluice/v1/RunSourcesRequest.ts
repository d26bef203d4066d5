// Original file: protos/sluice/v1/collector.proto


export interface RunSourcesRequest {
  /**
   * Empty: every enabled source.
   */
  'source_ids'?: (string)[];
  /**
   * Collect once and finish (true), or just trigger the scheduled loop (false).
   */
  'wait_until_done'?: (boolean);
}

export interface RunSourcesRequest__Output {
  /**
   * Empty: every enabled source.
   */
  'source_ids': (string)[];
  /**
   * Collect once and finish (true), or just trigger the scheduled loop (false).
   */
  'wait_until_done': (boolean);
}
