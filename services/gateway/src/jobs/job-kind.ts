// What a job kind is (in the style of a fastify plugin or a Temporal activity): `validate` refuses a request
// before anything is recorded, `run` does the work, reporting through `progress` and stopping when `signal`
// aborts. The runner (job-runner.ts) owns everything else: recording, heartbeats, live listeners, the end.
import type { JobError } from '@sluice/protocol';

export type JobParams =
  | { kind: 'collect'; source_ids: string[] }
  | { kind: 'import'; path: string; source_id?: string }
  /** An uploaded file the gateway spooled itself (deleted when the job ends). */
  | { kind: 'upload'; file: string; name: string; bytes: number; source_id?: string };

/** A job's progress as its kind reports it; the runner writes it to persistence (throttled) and to listeners. */
export interface JobProgress {
  readonly jobId: string;
  /** The job's counts: replace or change them, then call `update`. */
  counts: Record<string, number>;
  /** Errors not yet written (the runner sends at most a few per update). */
  readonly errors: JobError[];
  /** Writes the progress: at most every progress interval unless forced; a status change is forced by the caller. */
  update(change?: { status?: string; force?: boolean; message?: string }): Promise<void>;
}

/** A validated request: what the job record shows, and what `run` gets. */
export interface ValidatedJob<V> {
  /** The kind and params recorded in persistence. */
  record: { kind: string; params: unknown };
  params: V;
}

export interface JobKind<P, V> {
  /** Checks the request (throws ApiError); nothing is recorded when it throws. */
  validate(params: P): Promise<ValidatedJob<V>>;
  /** Does the work; resolves when done, or after `signal` aborted (the job then ends as cancelled). */
  run(params: V, progress: JobProgress, signal: AbortSignal): Promise<void>;
  /** After the job ended, however it ended. */
  cleanup?(params: V): Promise<void>;
}

/** An error whose `jobCode` becomes the code of the job's error entry (default "failed"). */
export function jobError(message: string, jobCode: string): Error & { jobCode: string } {
  return Object.assign(new Error(message), { jobCode });
}
