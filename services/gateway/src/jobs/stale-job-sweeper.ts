// Every heartbeat, ends the jobs whose gateway stopped reporting (crashed, killed, cut off from persistence):
// without this they would stay "running" for ever. Every replica sweeps; persistence ends each job once.
import type { EndStaleJobsRequest, EndStaleJobsResponse__Output, PersistenceAdminClient } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import type { UpstreamCaller } from '../upstream-caller.js';

export interface StaleJobSweeperOptions {
  admin: PersistenceAdminClient;
  caller: UpstreamCaller;
  logger: Logger;
  /** How often to sweep (the jobs' heartbeat). */
  intervalMs: number;
  /** Queued or running jobs (of any replica) not updated for this long are ended as abandoned. */
  staleAfterMs: number;
}

/** Sweeps now and then every `intervalMs`; returns the function that stops it. */
export function startStaleJobSweeper(options: StaleJobSweeperOptions): () => void {
  const { admin, caller, logger, intervalMs, staleAfterMs } = options;
  const sweep = async () => {
    try {
      const { jobs } = await caller.call<EndStaleJobsRequest, EndStaleJobsResponse__Output>(
        'persistence',
        admin,
        admin.EndStaleJobs,
        { stale_after_ms: staleAfterMs },
      );
      for (const job of jobs)
        logger.warn({ job_id: job.id, kind: job.kind, status: job.status }, `ended job ${job.id}: ${job.message}`);
    } catch (error) {
      logger.debug({ err: error }, 'could not end stale jobs (persistence unavailable?)');
    }
  };
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  void sweep();
  return () => clearInterval(timer);
}
