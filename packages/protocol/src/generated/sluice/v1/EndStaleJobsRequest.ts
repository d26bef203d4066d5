// Original file: protos/sluice/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Ends the jobs whose worker stopped reporting: queued or running jobs not updated for stale_after_ms (a
 * running job's worker writes its progress at least every heartbeat, so only a crashed or cut-off worker's
 * jobs qualify). They become "failed" with an error of code "abandoned", or "cancelled" when a cancel was
 * requested. Any number of callers may call it at once.
 */
export interface EndStaleJobsRequest {
  'stale_after_ms'?: (number | string | Long);
}

/**
 * Ends the jobs whose worker stopped reporting: queued or running jobs not updated for stale_after_ms (a
 * running job's worker writes its progress at least every heartbeat, so only a crashed or cut-off worker's
 * jobs qualify). They become "failed" with an error of code "abandoned", or "cancelled" when a cancel was
 * requested. Any number of callers may call it at once.
 */
export interface EndStaleJobsRequest__Output {
  'stale_after_ms': (number);
}
