// Original file: protos/sluice/v1/admin.proto

import type { JobError as _sluice_v1_JobError, JobError__Output as _sluice_v1_JobError__Output } from '../../sluice/v1/JobError.js';
import type { Long } from '@grpc/proto-loader';

export interface UpdateJobProgressRequest {
  'id'?: (string);
  /**
   * Counters to set (merged into the existing ones: keys not named keep their value).
   */
  'counts'?: ({[key: string]: number | string | Long});
  /**
   * New status, or empty to keep it. A terminal job (succeeded, failed, cancelled) keeps its status: the update
   * still merges counts and errors and the response shows the terminal status, which is how a worker learns that
   * its job was cancelled.
   */
  'status'?: (string);
  /**
   * Errors to append.
   */
  'errors'?: (_sluice_v1_JobError)[];
  'message'?: (string);
}

export interface UpdateJobProgressRequest__Output {
  'id': (string);
  /**
   * Counters to set (merged into the existing ones: keys not named keep their value).
   */
  'counts': ({[key: string]: number});
  /**
   * New status, or empty to keep it. A terminal job (succeeded, failed, cancelled) keeps its status: the update
   * still merges counts and errors and the response shows the terminal status, which is how a worker learns that
   * its job was cancelled.
   */
  'status': (string);
  /**
   * Errors to append.
   */
  'errors': (_sluice_v1_JobError__Output)[];
  'message': (string);
}
