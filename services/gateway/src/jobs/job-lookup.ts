// What the job routes need from the deployment: the runner and persistence's job table (501 without them).
import type { GetJobResponse__Output, Job__Output, PersistenceAdminClient } from '@sluice/protocol';
import type { RouteContext } from '../app.js';
import { ApiError } from '../errors.js';
import type { UpstreamCaller } from '../upstream-caller.js';
import type { JobRunner } from './job-runner.js';

export function requireJobs(ctx: RouteContext): { admin: PersistenceAdminClient; runner: JobRunner } {
  if (!ctx.upstreams.admin || !ctx.jobs)
    throw new ApiError('not_implemented', 'jobs are not available in this deployment');
  return { admin: ctx.upstreams.admin, runner: ctx.jobs };
}

/** A job by id, or 404 job_not_found. */
export async function getJob(caller: UpstreamCaller, admin: PersistenceAdminClient, id: string): Promise<Job__Output> {
  const response = await caller.call<{ id: string }, GetJobResponse__Output>(
    'persistence',
    admin,
    admin.GetJob,
    { id },
    { notFound: 'job_not_found' },
  );
  if (!response.found || !response.job) throw new ApiError('job_not_found', `no job has id ${id}`);
  return response.job;
}
