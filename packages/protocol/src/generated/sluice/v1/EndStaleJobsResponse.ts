// Original file: protos/sluice/v1/admin.proto

import type { Job as _sluice_v1_Job, Job__Output as _sluice_v1_Job__Output } from '../../sluice/v1/Job.js';

export interface EndStaleJobsResponse {
  'jobs'?: (_sluice_v1_Job)[];
}

export interface EndStaleJobsResponse__Output {
  'jobs': (_sluice_v1_Job__Output)[];
}
