// Original file: protos/sluice/v1/admin.proto

import type { Job as _sluice_v1_Job, Job__Output as _sluice_v1_Job__Output } from '../../sluice/v1/Job.js';

export interface ListJobsResponse {
  'jobs'?: (_sluice_v1_Job)[];
  'next_cursor'?: (string);
}

export interface ListJobsResponse__Output {
  'jobs': (_sluice_v1_Job__Output)[];
  'next_cursor': (string);
}
