// The JSON shape of a job in API responses and server-sent events.
import type { Job__Output } from '@sluice/protocol';

export { isTerminalJobStatus as isTerminal } from '@sluice/common';

const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString() : null);

export function toJobView(job: Job__Output) {
  let params: unknown = {};
  try {
    params = JSON.parse(job.params_json || '{}');
  } catch {
    params = {};
  }
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    params,
    counts: job.counts,
    errors: job.errors.map((e) => ({
      code: e.code,
      message: e.message,
      subject: e.subject,
      occurred_at: iso(e.occurred_at_ms),
    })),
    message: job.message,
    cancel_requested: job.cancel_requested,
    created_at: iso(job.created_at_ms),
    updated_at: iso(job.updated_at_ms),
    started_at: iso(job.started_at_ms),
    finished_at: iso(job.finished_at_ms),
  };
}
export type JobView = ReturnType<typeof toJobView>;
