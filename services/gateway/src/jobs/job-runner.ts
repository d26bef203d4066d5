// Runs jobs inside the gateway and records them in persistence (PersistenceAdmin jobs). The work of each kind
// is a JobKind (collect-job.ts, import-job.ts); the runner owns the lifecycle: it records the job (queued), runs
// its kind, heartbeats it, tells local subscribers (server-sent events) every change at once, writes a throttled
// copy to persistence, and records the end (succeeded, failed or cancelled). Stale jobs of crashed replicas are
// ended by stale-job-sweeper.ts.
import type {
  CollectorClient,
  CreateJobRequest,
  CreateJobResponse__Output,
  Job__Output,
  JobError,
  PersistenceAdminClient,
  UpdateJobProgressRequest,
  UpdateJobProgressResponse__Output,
} from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import type { ValidateFunction } from 'ajv';
import { isTerminal } from '../job-view.js';
import type { PushChannel } from '../push-channel.js';
import type { UpstreamCaller } from '../upstream-caller.js';
import { collectJob } from './collect-job.js';
import { importJob } from './import-job.js';
import type { JobKind, JobParams, JobProgress } from './job-kind.js';
import { startStaleJobSweeper } from './stale-job-sweeper.js';

export interface JobRunnerOptions {
  admin: PersistenceAdminClient;
  collector?: CollectorClient;
  push?: PushChannel;
  caller: UpstreamCaller;
  logger: Logger;
  importDirectories: readonly string[];
  importBatchSize: number;
  importMaxInFlightBatches: number;
  /** A cancelled import waits at most this long for the acknowledgements of the batches it already sent. */
  cancelAckWaitMs?: number;
  jobTimeoutSeconds: number;
  progressIntervalMs: number;
  /** A running job's progress is written at least this often (its heartbeat for other replicas). */
  heartbeatMs: number;
  /** Queued or running jobs (of any replica) not updated for this long are ended as abandoned. */
  staleAfterMs: number;
  /** Validates one import line against the push item schema. */
  validateItem: ValidateFunction;
}

type Listener = (job: Job__Output) => void;

interface Running extends JobProgress {
  abort: AbortController;
  listeners: Set<Listener>;
  latest: Job__Output;
  lastWrite: number;
  flushTimer?: NodeJS.Timeout;
  heartbeat?: NodeJS.Timeout;
  /** The last progress write: writes go out one after another, so an older one never lands after the final one. */
  writing: Promise<unknown>;
}

/** A validated job, ready to be recorded and run. */
interface Prepared {
  record: { kind: string; params: unknown };
  run(progress: JobProgress, signal: AbortSignal): Promise<void>;
  cleanup(): Promise<void>;
}

async function prepare<P, V>(kind: JobKind<P, V>, params: P): Promise<Prepared> {
  const validated = await kind.validate(params);
  return {
    record: validated.record,
    run: (progress, signal) => kind.run(validated.params, progress, signal),
    cleanup: async () => kind.cleanup?.(validated.params),
  };
}

const MAX_ERRORS_PER_UPDATE = 20;

export type { JobParams } from './job-kind.js';

export class JobRunner {
  readonly #running = new Map<string, Running>();
  readonly #collect: ReturnType<typeof collectJob>;
  readonly #import: ReturnType<typeof importJob>;
  #stopSweeping?: () => void;

  constructor(private readonly options: JobRunnerOptions) {
    this.#collect = collectJob(options);
    this.#import = importJob({
      ...options,
      batchSize: options.importBatchSize,
      maxInFlightBatches: options.importMaxInFlightBatches,
      cancelAckWaitMs: options.cancelAckWaitMs ?? 5000,
    });
  }

  /** Ends, every heartbeat, the jobs whose gateway stopped reporting (see stale-job-sweeper.ts). */
  startSweeping(): void {
    const { admin, caller, logger, heartbeatMs, staleAfterMs } = this.options;
    this.#stopSweeping = startStaleJobSweeper({ admin, caller, logger, intervalMs: heartbeatMs, staleAfterMs });
  }

  /** Checks the request, records the job (queued) and starts it in the background. */
  async start(params: JobParams): Promise<Job__Output> {
    const { admin, caller } = this.options;
    const prepared =
      params.kind === 'collect' ? await prepare(this.#collect, params) : await prepare(this.#import, params);
    const created = await caller.call<CreateJobRequest, CreateJobResponse__Output>(
      'persistence',
      admin,
      admin.CreateJob,
      { kind: prepared.record.kind, params_json: JSON.stringify(prepared.record.params) },
    );
    const job = created.job!;
    const running: Running = {
      jobId: job.id,
      counts: {},
      errors: [],
      update: (change = {}) => this.#update(running, change),
      abort: new AbortController(),
      listeners: new Set(),
      latest: job,
      lastWrite: 0,
      writing: Promise.resolve(),
    };
    this.#running.set(job.id, running);
    running.heartbeat = setInterval(() => void this.#update(running, { force: true }), this.options.heartbeatMs);
    running.heartbeat.unref();
    const work = prepared.run(running, running.abort.signal);
    void work.catch(() => undefined).finally(() => prepared.cleanup());
    void work
      .then(
        () => this.#finish(running, running.abort.signal.aborted ? 'cancelled' : 'succeeded'),
        (error: Error) => {
          if (running.abort.signal.aborted) return this.#finish(running, 'cancelled');
          running.errors.push({
            code: (error as { jobCode?: string }).jobCode ?? 'failed',
            message: error.message,
            occurred_at_ms: Date.now(),
          });
          return this.#finish(running, 'failed', error.message);
        },
      )
      .catch((error: Error) =>
        this.options.logger.error({ err: error, job_id: job.id }, 'could not record the end of a job'),
      )
      .finally(() => {
        clearInterval(running.heartbeat);
        this.#running.delete(job.id);
      });
    return job;
  }

  /** Live updates of a job running in this gateway; undefined when it runs elsewhere (or not at all). */
  subscribe(jobId: string, listener: Listener): (() => void) | undefined {
    const running = this.#running.get(jobId);
    if (!running) return undefined;
    running.listeners.add(listener);
    return () => running.listeners.delete(listener);
  }

  /** Stops a job running here (after persistence recorded the cancel request). */
  abortLocal(jobId: string): void {
    this.#running.get(jobId)?.abort.abort();
  }

  /** On shutdown: stop every local job; they end as cancelled with a message saying why. */
  async stopAll(): Promise<void> {
    this.#stopSweeping?.();
    const waits = [...this.#running.values()].map((r) => {
      r.abort.abort();
      return new Promise<void>((resolve) => {
        const done = () => resolve();
        r.listeners.add((job) => isTerminal(job.status) && done());
        setTimeout(done, 5000).unref();
      });
    });
    await Promise.all(waits);
  }

  get runningJobs(): number {
    return this.#running.size;
  }

  async #finish(running: Running, status: 'succeeded' | 'failed' | 'cancelled', message?: string): Promise<void> {
    clearTimeout(running.flushTimer);
    clearInterval(running.heartbeat);
    await this.#update(running, { status, force: true, message: message ?? status });
  }

  /** Writes progress to persistence at most every progressIntervalMs (forced for status changes); tells listeners. */
  async #update(running: Running, change: { status?: string; force?: boolean; message?: string }): Promise<void> {
    const now = Date.now();
    if (!change.force && now - running.lastWrite < this.options.progressIntervalMs) {
      // Coalesce: one delayed write carries the latest counts.
      running.flushTimer ??= setTimeout(() => {
        running.flushTimer = undefined;
        void this.#update(running, { force: true });
      }, this.options.progressIntervalMs);
      return;
    }
    running.lastWrite = now;
    const { admin, caller } = this.options;
    const previous = running.writing;
    let errors: JobError[] = [];
    const write = previous.then(() => {
      errors = running.errors.splice(0, MAX_ERRORS_PER_UPDATE);
      return caller.call<UpdateJobProgressRequest, UpdateJobProgressResponse__Output>(
        'persistence',
        admin,
        admin.UpdateJobProgress,
        {
          id: running.jobId,
          counts: { ...running.counts },
          status: change.status ?? '',
          errors,
          message: change.message ?? '',
        },
      );
    });
    running.writing = write.catch(() => undefined);
    try {
      const response = await write;
      if (response.job) {
        running.latest = response.job;
        // A job ended elsewhere (cancelled through another replica, or ended as abandoned while this gateway
        // could not reach persistence) shows up here as a terminal status: stop working on it.
        const finishing = change.status !== undefined && isTerminal(change.status);
        if (!finishing && isTerminal(response.job.status) && !running.abort.signal.aborted) running.abort.abort();
        for (const listener of running.listeners) listener(response.job);
      }
    } catch (error) {
      running.errors.unshift(...errors);
      if (change.force && change.status) throw error;
      this.options.logger.warn({ err: error, job_id: running.jobId }, 'could not record job progress');
    }
  }
}
