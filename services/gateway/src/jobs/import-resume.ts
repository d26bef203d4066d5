// Where an import of a server file resumes: the newest earlier import job of the same path and source that was
// cancelled or failed, of the same file (size and modification time), checkpointed its acknowledged line.
import type { ListJobsRequest, ListJobsResponse__Output, PersistenceAdminClient } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import type { UpstreamCaller } from '../upstream-caller.js';

export interface ResumeLookup {
  admin: PersistenceAdminClient;
  caller: UpstreamCaller;
  logger: Logger;
}

/** The line after which the import resumes (0: from the start). Never throws: a failed lookup starts over. */
export async function resumeLine(
  lookup: ResumeLookup,
  jobId: string,
  params: { path: string; source_id?: string },
  file: { size: number; mtimeMs: number },
): Promise<number> {
  const { admin, caller, logger } = lookup;
  try {
    const { jobs } = await caller.call<ListJobsRequest, ListJobsResponse__Output>(
      'persistence',
      admin,
      admin.ListJobs,
      { kind: 'import', status: '', limit: 50, cursor: '' },
    );
    const previous = jobs.find((job) => {
      if (job.id === jobId) return false;
      try {
        const recorded = JSON.parse(job.params_json) as { path?: string; source_id?: string };
        return recorded.path === params.path && (recorded.source_id ?? 'import') === (params.source_id ?? 'import');
      } catch {
        return false;
      }
    });
    if (!previous || (previous.status !== 'cancelled' && previous.status !== 'failed')) return 0;
    const counts = previous.counts as Record<string, number | undefined>;
    if (Number(counts.bytes_total) !== file.size || Number(counts.file_mtime_ms) !== file.mtimeMs) return 0;
    return Math.max(0, Number(counts.resume_line ?? 0));
  } catch (error) {
    logger.warn({ err: error, job_id: jobId }, 'could not look for an import to resume; importing from the start');
    return 0;
  }
}
