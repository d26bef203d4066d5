// Runs jobs inside the gateway and records them in persistence (PersistenceAdmin jobs):
// - collect: the collector's RunSources stream, its progress copied into the job;
// - import: a JSONL file from an allowed folder, each line one item (the POST /v1/items item shape), sent into
//   the pipeline in batches through the push stream; counts come from the durable acknowledgements. Its
//   checkpoint (resume_line: the last line of the acknowledged prefix) lets an import of the same unchanged file
//   after a cancelled or failed one start after it.
// Local subscribers (server-sent events) get every change at once; persistence gets a throttled copy.
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  deadlineIn,
  grpc,
  type CollectorClient,
  type CreateJobRequest,
  type CreateJobResponse__Output,
  type EndStaleJobsRequest,
  type EndStaleJobsResponse__Output,
  type Job__Output,
  type JobError,
  type ListJobsRequest,
  type ListJobsResponse__Output,
  type PersistenceAdminClient,
  type RunProgress__Output,
  type UpdateJobProgressRequest,
  type UpdateJobProgressResponse__Output,
} from '@sluice/protocol';
import { resolveInFolders, type Logger } from '@sluice/service-kit';
import type { ValidateFunction } from 'ajv';
import { ApiError } from './errors.js';
import { isTerminal } from './job-view.js';
import type { PushChannel } from './push-channel.js';
import { toPipelineItems } from './push-items.js';
import type { PushItem } from './schemas.js';
import type { UpstreamCaller } from './upstream-caller.js';

export type JobParams =
  | { kind: 'collect'; source_ids: string[] }
  | { kind: 'import'; path: string; source_id?: string }
  /** An uploaded file the gateway spooled itself (deleted when the job ends). */
  | { kind: 'upload'; file: string; name: string; bytes: number; source_id?: string };

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

interface Running {
  abort: AbortController;
  listeners: Set<Listener>;
  latest: Job__Output;
  counts: Record<string, number>;
  errors: JobError[];
  lastWrite: number;
  flushTimer?: NodeJS.Timeout;
  heartbeat?: NodeJS.Timeout;
  /** The last progress write: writes go out one after another, so an older one never lands after the final one. */
  writing: Promise<unknown>;
}

const MAX_ERRORS_PER_UPDATE = 20;

export class JobRunner {
  readonly #running = new Map<string, Running>();
  #sweeper?: NodeJS.Timeout;

  constructor(private readonly options: JobRunnerOptions) {}

  /**
   * Every heartbeat, ends the jobs whose gateway stopped reporting (crashed, killed, cut off from persistence):
   * without this they would stay "running" for ever. Every replica sweeps; persistence ends each job once.
   */
  startSweeping(): void {
    const { admin, caller, logger, heartbeatMs, staleAfterMs } = this.options;
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
    this.#sweeper = setInterval(() => void sweep(), heartbeatMs);
    this.#sweeper.unref();
    void sweep();
  }

  /** Checks the request, records the job (queued) and starts it in the background. */
  async start(params: JobParams): Promise<Job__Output> {
    const { admin, caller } = this.options;
    let file: string | undefined;
    if (params.kind === 'collect' && !this.options.collector)
      throw new ApiError('not_implemented', 'no collector is configured');
    if (params.kind !== 'collect' && !this.options.push)
      throw new ApiError('not_implemented', 'pushing items is not enabled in this deployment');
    if (params.kind === 'import') file = await this.#resolveImportPath(params.path);
    if (params.kind === 'upload') file = params.file;
    // Uploads are import jobs too; their params name the upload, not the spool file.
    const recorded =
      params.kind === 'upload'
        ? { kind: 'import', params: { upload: params.name, bytes: params.bytes, source_id: params.source_id } }
        : { kind: params.kind, params };
    const created = await caller.call<CreateJobRequest, CreateJobResponse__Output>(
      'persistence',
      admin,
      admin.CreateJob,
      { kind: recorded.kind, params_json: JSON.stringify(recorded.params) },
    );
    const job = created.job!;
    const running: Running = {
      abort: new AbortController(),
      listeners: new Set(),
      latest: job,
      counts: {},
      errors: [],
      lastWrite: 0,
      writing: Promise.resolve(),
    };
    this.#running.set(job.id, running);
    running.heartbeat = setInterval(
      () => void this.#update(job.id, running, { force: true }),
      this.options.heartbeatMs,
    );
    running.heartbeat.unref();
    const work =
      params.kind === 'collect'
        ? this.#collect(job.id, params.source_ids, running)
        : this.#import(
            job.id,
            file!,
            params.source_id ?? 'import',
            running,
            params.kind === 'import' ? { path: params.path, source_id: params.source_id } : undefined,
          );
    if (params.kind === 'upload')
      void work.catch(() => undefined).finally(() => rm(params.file, { force: true }).catch(() => undefined));
    void work
      .then(
        () => this.#finish(job.id, running, running.abort.signal.aborted ? 'cancelled' : 'succeeded'),
        (error: Error) => {
          if (running.abort.signal.aborted) return this.#finish(job.id, running, 'cancelled');
          running.errors.push({
            code: (error as { jobCode?: string }).jobCode ?? 'failed',
            message: error.message,
            occurred_at_ms: Date.now(),
          });
          return this.#finish(job.id, running, 'failed', error.message);
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
    clearInterval(this.#sweeper);
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

  async #resolveImportPath(requested: string): Promise<string> {
    const found = await resolveInFolders(this.options.importDirectories, requested);
    if (found.ok) return found.file;
    if (found.reason === 'disabled')
      throw new ApiError('not_implemented', 'imports of server files are off (set gateway.import_directories)');
    throw new ApiError('invalid_parameter', found.message, {
      errors: [{ pointer: '/body/path', message: found.message }],
    });
  }

  async #collect(jobId: string, sourceIds: string[], running: Running): Promise<void> {
    const collector = this.options.collector!;
    await this.#update(jobId, running, { status: 'running', force: true });
    await new Promise<void>((resolve, reject) => {
      const call = collector.RunSources(
        { source_ids: sourceIds, wait_until_done: true },
        { deadline: deadlineIn(this.options.jobTimeoutSeconds * 1000) },
      );
      const onAbort = () => call.cancel();
      running.abort.signal.addEventListener('abort', onAbort, { once: true });
      call.on('data', (progress: RunProgress__Output) => {
        running.counts = {
          collected: progress.collected,
          acknowledged: progress.acknowledged,
          stored: progress.stored,
          dead_lettered: progress.dead_lettered,
          source_errors: progress.source_errors,
          sources_total: progress.sources_total,
          sources_done: progress.sources_done,
          expected: progress.expected,
        };
        void this.#update(jobId, running, {});
      });
      call.on('error', (error: grpc.ServiceError) => {
        running.abort.signal.removeEventListener('abort', onAbort);
        if (error.code === grpc.status.CANCELLED && running.abort.signal.aborted) return resolve();
        reject(
          Object.assign(new Error(`collector: ${error.details || error.message}`), {
            jobCode: grpc.status[error.code]?.toLowerCase() ?? 'collector_error',
          }),
        );
      });
      call.on('end', () => {
        running.abort.signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  /**
   * Where an import of this server file resumes: the newest earlier import job of the same path and source that
   * was cancelled or failed, of the same file (size and modification time), checkpointed its acknowledged line.
   */
  async #resumeLine(
    jobId: string,
    params: { path: string; source_id?: string },
    size: number,
    mtimeMs: number,
  ): Promise<number> {
    const { admin, caller } = this.options;
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
      if (Number(counts.bytes_total) !== size || Number(counts.file_mtime_ms) !== mtimeMs) return 0;
      return Math.max(0, Number(counts.resume_line ?? 0));
    } catch (error) {
      this.options.logger.warn(
        { err: error, job_id: jobId },
        'could not look for an import to resume; importing from the start',
      );
      return 0;
    }
  }

  async #import(
    jobId: string,
    file: string,
    sourceId: string,
    running: Running,
    resumable?: { path: string; source_id?: string },
  ): Promise<void> {
    const push = this.options.push!;
    const { validateItem, importBatchSize, importMaxInFlightBatches } = this.options;
    const counts = (running.counts = {
      lines: 0,
      invalid: 0,
      sent: 0,
      stored: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      dead_lettered: 0,
      bytes_read: 0,
      bytes_total: 0,
      file_mtime_ms: 0,
      resume_line: 0,
      resumed_at_line: 0,
    });
    const info = await stat(file);
    counts.bytes_total = info.size;
    counts.file_mtime_ms = Math.trunc(info.mtimeMs);
    // A cancelled or failed import of the same file resumes after its last acknowledged line.
    const skip = resumable ? await this.#resumeLine(jobId, resumable, counts.bytes_total, counts.file_mtime_ms) : 0;
    counts.resumed_at_line = skip;
    counts.resume_line = skip;
    await this.#update(jobId, running, {
      status: 'running',
      force: true,
      message: skip > 0 ? `importing ${path.basename(file)} from line ${skip + 1}` : `importing ${path.basename(file)}`,
    });
    const inFlight = new Set<Promise<void>>();
    let failure: Error | undefined;
    let batch: PushItem[] = [];
    let bytes = 0;
    let lineNumber = 0;
    // The checkpoint: the last line of the longest prefix of batches that are all acknowledged.
    const batchEnds: Array<{ endLine: number; acked: boolean }> = [];
    const advanceCheckpoint = () => {
      while (batchEnds[0]?.acked) counts.resume_line = batchEnds.shift()!.endLine;
    };
    const flush = async () => {
      if (batch.length === 0) return;
      const items = batch;
      batch = [];
      const converted = toPipelineItems({ source_id: sourceId, items }, Date.now());
      counts.sent += converted.items.length;
      const end = { endLine: lineNumber, acked: false };
      batchEnds.push(end);
      const { ack } = push.submit({ items: converted.items }, converted.itemIds);
      const pending: Promise<void> = ack.then(
        (a) => {
          end.acked = true;
          advanceCheckpoint();
          counts.inserted += a.inserted;
          counts.updated += a.updated;
          counts.unchanged += a.unchanged;
          counts.dead_lettered += a.dead_lettered;
          counts.stored = counts.inserted + counts.updated + counts.unchanged;
          void this.#update(jobId, running, {});
        },
        (error: Error) => {
          failure ??= error;
        },
      );
      const tracked = pending.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      while (inFlight.size >= importMaxInFlightBatches && !running.abort.signal.aborted)
        await Promise.race([...inFlight, cancelled]);
    };
    // A cancel also ends the waits for acknowledgements: a stopped pipeline must not keep the job running.
    const cancelled = new Promise<void>((resolve) => {
      if (running.abort.signal.aborted) resolve();
      else running.abort.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (running.abort.signal.aborted || failure) break;
        bytes += Buffer.byteLength(line) + 1;
        lineNumber += 1;
        if (line.trim() === '') continue;
        counts.lines += 1;
        if (lineNumber <= skip) continue;
        const problem = this.#checkLine(line, validateItem);
        if (typeof problem === 'string') {
          counts.invalid += 1;
          if (running.errors.length < 100)
            running.errors.push({
              code: 'invalid_line',
              message: problem,
              subject: `line ${counts.lines}`,
              occurred_at_ms: Date.now(),
            });
          continue;
        }
        batch.push(problem);
        if (batch.length >= importBatchSize) {
          counts.bytes_read = Math.min(bytes, counts.bytes_total);
          await flush();
          void this.#update(jobId, running, {
            message: `${Math.round((100 * counts.bytes_read) / Math.max(1, counts.bytes_total))}% read`,
          });
        }
      }
      if (!running.abort.signal.aborted) {
        counts.bytes_read = counts.bytes_total;
        await flush();
      }
      const acknowledged = Promise.all(inFlight);
      await Promise.race([acknowledged, cancelled]);
      if (running.abort.signal.aborted) {
        // What was sent is still acknowledged into the counts and the checkpoint, for a bounded time.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          acknowledged,
          new Promise((resolve) => (timer = setTimeout(resolve, this.options.cancelAckWaitMs ?? 5000))),
        ]);
        clearTimeout(timer);
      }
    } finally {
      lines.close();
    }
    if (failure) throw failure;
  }

  #checkLine(line: string, validate: ValidateFunction): PushItem | string {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return 'not valid JSON';
    }
    if (!validate(value))
      return `not an item: ${validate.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`;
    const item = value as PushItem;
    if (!(item.title || item.content || item.summary || item.url))
      return 'an item needs at least one of title, summary, content or url';
    return item;
  }

  async #finish(
    jobId: string,
    running: Running,
    status: 'succeeded' | 'failed' | 'cancelled',
    message?: string,
  ): Promise<void> {
    clearTimeout(running.flushTimer);
    clearInterval(running.heartbeat);
    await this.#update(jobId, running, { status, force: true, message: message ?? status });
  }

  /** Writes progress to persistence at most every progressIntervalMs (forced for status changes); tells listeners. */
  async #update(
    jobId: string,
    running: Running,
    change: { status?: string; force?: boolean; message?: string },
  ): Promise<void> {
    const now = Date.now();
    if (!change.force && now - running.lastWrite < this.options.progressIntervalMs) {
      // Coalesce: one delayed write carries the latest counts.
      running.flushTimer ??= setTimeout(() => {
        running.flushTimer = undefined;
        void this.#update(jobId, running, { force: true });
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
          id: jobId,
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
      this.options.logger.warn({ err: error, job_id: jobId }, 'could not record job progress');
    }
  }
}
