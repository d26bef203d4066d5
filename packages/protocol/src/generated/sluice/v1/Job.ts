// Original file: protos/sluice/v1/admin.proto

import type { JobError as _sluice_v1_JobError, JobError__Output as _sluice_v1_JobError__Output } from '../../sluice/v1/JobError.js';
import type { Long } from '@grpc/proto-loader';

export interface Job {
  /**
   * uuid.
   */
  'id'?: (string);
  /**
   * "collect" (collect these sources now) or "import" (import this file).
   */
  'kind'?: (string);
  /**
   * "queued", "running", "succeeded", "failed" or "cancelled". The last three are terminal.
   */
  'status'?: (string);
  /**
   * Parameters as JSON, e.g. {"source_ids":["hn"]} or {"path":"items.jsonl","format":"jsonl"}.
   */
  'params_json'?: (string);
  /**
   * Progress counters, e.g. collected, stored, dead_lettered, errors, expected.
   */
  'counts'?: ({[key: string]: number | string | Long});
  /**
   * Most recent errors (the service keeps the last 100).
   */
  'errors'?: (_sluice_v1_JobError)[];
  'created_at_ms'?: (number | string | Long);
  'updated_at_ms'?: (number | string | Long);
  'started_at_ms'?: (number | string | Long);
  'finished_at_ms'?: (number | string | Long);
  /**
   * Set by CancelJob; the worker running the job stops when it sees it.
   */
  'cancel_requested'?: (boolean);
  /**
   * Free-form last progress message.
   */
  'message'?: (string);
}

export interface Job__Output {
  /**
   * uuid.
   */
  'id': (string);
  /**
   * "collect" (collect these sources now) or "import" (import this file).
   */
  'kind': (string);
  /**
   * "queued", "running", "succeeded", "failed" or "cancelled". The last three are terminal.
   */
  'status': (string);
  /**
   * Parameters as JSON, e.g. {"source_ids":["hn"]} or {"path":"items.jsonl","format":"jsonl"}.
   */
  'params_json': (string);
  /**
   * Progress counters, e.g. collected, stored, dead_lettered, errors, expected.
   */
  'counts': ({[key: string]: number});
  /**
   * Most recent errors (the service keeps the last 100).
   */
  'errors': (_sluice_v1_JobError__Output)[];
  'created_at_ms': (number);
  'updated_at_ms': (number);
  'started_at_ms': (number);
  'finished_at_ms': (number);
  /**
   * Set by CancelJob; the worker running the job stops when it sees it.
   */
  'cancel_requested': (boolean);
  /**
   * Free-form last progress message.
   */
  'message': (string);
}
