// Original file: protos/sluice/v1/admin.proto

import type { Job as _sluice_v1_Job, Job__Output as _sluice_v1_Job__Output } from '../../sluice/v1/Job.js';

export interface CancelJobResponse {
  'found'?: (boolean);
  /**
   * A queued job becomes "cancelled" at once; a running one gets cancel_requested and becomes "cancelled" when
   * its worker reports it (or the worker may finish it). Terminal jobs are returned unchanged.
   */
  'job'?: (_sluice_v1_Job | null);
}

export interface CancelJobResponse__Output {
  'found': (boolean);
  /**
   * A queued job becomes "cancelled" at once; a running one gets cancel_requested and becomes "cancelled" when
   * its worker reports it (or the worker may finish it). Terminal jobs are returned unchanged.
   */
  'job': (_sluice_v1_Job__Output | null);
}
