/** The states of a gateway job (admin.proto Job.status), in lifecycle order. */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** States a job never leaves. */
export const TERMINAL_JOB_STATUSES = ['succeeded', 'failed', 'cancelled'] as const;

export function isJobStatus(value: string): value is JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(value);
}

export function isTerminalJobStatus(value: string): boolean {
  return (TERMINAL_JOB_STATUSES as readonly string[]).includes(value);
}
