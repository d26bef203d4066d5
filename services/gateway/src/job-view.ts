// The JSON shape of a job in API responses and server-sent events.
import type { Job__Output } from '@sluice/protocol';
import { isoTime } from './iso-time.js';

export { isTerminalJobStatus as isTerminal } from '@sluice/common';

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
      occurred_at: isoTime(e.occurred_at_ms),
    })),
    message: job.message,
    cancel_requested: job.cancel_requested,
    created_at: isoTime(job.created_at_ms),
    updated_at: isoTime(job.updated_at_ms),
    started_at: isoTime(job.started_at_ms),
    finished_at: isoTime(job.finished_at_ms),
  };
}
export type JobView = ReturnType<typeof toJobView>;
