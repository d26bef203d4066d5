// One run of one source: read its saved state, let its kind yield chunks, send each chunk downstream within
// the in-flight window, advance the checkpoint over the acknowledged prefix, and save how the run ended.
// A source's failure is recorded as a source error and never stops other sources.
import { delay, type Permits } from '@sluice/common';
import type { Ack__Output, BatchSender, ItemBatch } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import { CheckpointSaver } from './checkpoint-saver.js';
import { CheckpointTracker } from './checkpoint-tracker.js';
import { collectContext } from './collect-context.js';
import { SourceFetchError, toFetchError } from '../http/fetch-error.js';
import type { HttpClient } from '../http/http-client.js';
import type { TokenBucket } from '../http/token-bucket.js';
import type { CollectorMetrics } from '../metrics.js';
import type { RunProgressCounter } from './run-progress.js';
import type { CollectorSettings } from '../settings.js';
import type { SourceConfig } from '../source-settings.js';
import { SourceErrorLog } from './source-error-log.js';
import {
  countsAgainstSource,
  runOutcome,
  sourceUrl,
  stateAfterRun,
  stateAtCheckpoint,
  type SourceRunResult,
} from './source-run-state.js';
import { emptyState, type SourceStateRecord, type SourceStateStore } from '../source-state-store.js';
import { collectorFor } from '../sources/registry.js';
import type { Chunk } from '../sources/source-collector.js';

/** What every run of this collector shares. */
export interface SourceRunDeps {
  settings: CollectorSettings;
  store: SourceStateStore;
  sender: Pick<BatchSender, 'send'>;
  http: HttpClient;
  logger: Logger;
  metrics?: CollectorMetrics;
  now: () => number;
  /** Items sent and not yet acknowledged, across all runs. */
  window: Permits;
  /** The source's token bucket (kept across runs). */
  limiterFor: (source: SourceConfig) => TokenBucket;
}

export interface SourceRunRequest {
  source: SourceConfig;
  /** Where the source was declared: API-managed sources are confined (files, private networks). */
  origin: 'config' | 'api';
  /** Saves must hold this lease (scheduled runs); none: saved unconditionally. */
  leaseOwner?: string;
  /** Stops the run (cancelled, or shutting down); what was acknowledged is saved. */
  signal: AbortSignal;
  /** Applies a progress update to every caller's counter. */
  report: (update: (counter: RunProgressCounter) => void) => void;
}

/** Runs a source once; never throws (a failure is the result's outcome and error). */
export async function runSourceOnce(deps: SourceRunDeps, request: SourceRunRequest): Promise<SourceRunResult> {
  const { source } = request;
  let state: SourceStateRecord;
  try {
    state = (await deps.store.get([source.id])).get(source.id) ?? emptyState(source.id);
  } catch (error) {
    request.report((p) => (p.sourceErrors += 1));
    deps.metrics?.sourceErrors.inc({ code: 'state_unavailable' });
    deps.metrics?.sourceRuns.inc({ outcome: 'error' });
    deps.logger.warn({ source_id: source.id, err: error }, 'cannot read source state; the source is skipped this time');
    return {
      sourceId: source.id,
      outcome: 'error',
      collected: 0,
      acknowledged: 0,
      error: new SourceFetchError('state_unavailable', `source state unavailable: ${(error as Error).message}`, {
        url: sourceUrl(source),
        cause: error,
      }),
    };
  }
  return new SourceRun(deps, request, state).run();
}

class SourceRun {
  readonly #source: SourceConfig;
  readonly #url: string;
  readonly #result: SourceRunResult;
  readonly #tracker = new CheckpointTracker();
  readonly #saver: CheckpointSaver;
  readonly #errors: SourceErrorLog;
  readonly #signal: AbortSignal;
  readonly #sends: Array<Promise<void>> = [];
  #sendError: Error | undefined;
  #lastSaveMs: number;
  #notModified = false;
  // Set once the run has ended: acknowledgements arriving later (after a cancel) only free the window, and
  // never save a checkpoint over the next run's.
  #ended = false;

  constructor(
    private readonly deps: SourceRunDeps,
    private readonly request: SourceRunRequest,
    /** The state saved before this run. */
    private readonly before: SourceStateRecord,
  ) {
    const { store, logger, metrics, now } = deps;
    this.#source = request.source;
    this.#url = sourceUrl(this.#source);
    this.#result = { sourceId: this.#source.id, outcome: 'ok', collected: 0, acknowledged: 0 };
    const lease = new AbortController();
    this.#signal = AbortSignal.any([request.signal, lease.signal]);
    this.#saver = new CheckpointSaver(store, this.#source.id, request.leaseOwner, logger, metrics, () =>
      lease.abort(new SourceFetchError('lease_lost', `lease on ${this.#source.id} was lost`)),
    );
    this.#errors = new SourceErrorLog(store, this.#source.id, this.#url, logger, metrics, now);
    this.#lastSaveMs = now();
  }

  async run(): Promise<SourceRunResult> {
    let failure = await this.#collectChunks();
    await this.#awaitAcknowledgements();
    failure ??= this.#deliveryFailure();
    await this.#saver.settled();
    this.#ended = true;
    const finishedMs = this.deps.now();
    await this.#saveEnd(failure, finishedMs);
    return this.#finish(failure, finishedMs);
  }

  /** Reads the source's chunks until it is done; the error that stopped it, if any. */
  async #collectChunks(): Promise<SourceFetchError | undefined> {
    try {
      const collect = await collectorFor(this.#source);
      if (!collect)
        throw new SourceFetchError('internal', `source kind ${this.#source.kind} is not supported by this collector`);
      for await (const chunk of collect(
        collectContext(this.deps, this.request, this.before, this.#signal),
      ) as AsyncIterable<Chunk>) {
        if (this.#saver.leaseLost) throw this.#leaseLostError();
        if (this.#signal.aborted) throw new SourceFetchError('aborted', 'collection stopped');
        await this.#accept(chunk);
      }
      return undefined;
    } catch (error) {
      const failure = toFetchError(error, this.#url);
      if (!(error instanceof SourceFetchError))
        this.deps.logger.error({ source_id: this.#source.id, err: error }, 'unexpected error while collecting');
      return failure;
    }
  }

  /** Registers a chunk's checkpoint and sends its items once the in-flight window has room. */
  async #accept(chunk: Chunk): Promise<void> {
    const { metrics } = this.deps;
    const { expected } = chunk;
    if (expected !== undefined) this.request.report((p) => p.setExpected(this.#source.id, expected));
    if (chunk.notModified) this.#notModified = true;
    for (const problem of chunk.problems ?? []) this.#errors.problem(problem);
    const size = chunk.items.length + chunk.deadLetters.length;
    const sequence = this.#tracker.push(chunk.checkpoint);
    if (size === 0) {
      this.#tracker.ack(sequence);
      return;
    }
    await this.deps.window.acquire(size, { signal: this.#signal, priority: this.#source.priority });
    this.request.report((p) => (p.collected += chunk.items.length));
    this.#result.collected += chunk.items.length;
    metrics?.items.inc({ outcome: 'collected' }, chunk.items.length);
    if (chunk.deadLetters.length > 0) metrics?.items.inc({ outcome: 'dead_lettered' }, chunk.deadLetters.length);
    const batch: ItemBatch = { items: chunk.items.map((raw) => ({ raw })), dead_letters: chunk.deadLetters };
    this.#sends.push(
      this.deps.sender
        .send(batch)
        .then(
          (ack) => this.#acknowledged(sequence, ack),
          (error: Error) => {
            this.#sendError ??= error;
          },
        )
        .finally(() => this.deps.window.release(size)),
    );
  }

  #acknowledged(sequence: number, ack: Ack__Output): void {
    if (this.#ended) return;
    this.#tracker.ack(sequence);
    const acknowledged = ack.item_ids.length;
    this.#result.acknowledged += acknowledged;
    this.request.report((p) => {
      p.acknowledged += acknowledged;
      p.stored += (ack.inserted ?? 0) + (ack.updated ?? 0) + (ack.unchanged ?? 0);
      p.deadLettered += ack.dead_lettered ?? 0;
    });
    this.deps.metrics?.items.inc({ outcome: 'acknowledged' }, acknowledged);
    this.#checkpointIfDue();
  }

  /** Saves the acknowledged prefix's checkpoint, at most every checkpoint_interval_milliseconds. */
  #checkpointIfDue(): void {
    const { now, settings } = this.deps;
    if (this.#ended || now() - this.#lastSaveMs < settings.checkpoint_interval_milliseconds) return;
    if (!this.#tracker.takeDirty()) return;
    this.#lastSaveMs = now();
    this.#saver.save(this.#atCheckpoint());
  }

  #atCheckpoint(): SourceStateRecord {
    return stateAtCheckpoint(this.before, this.#tracker.committed, this.#result.acknowledged);
  }

  async #awaitAcknowledgements(): Promise<void> {
    const pending = Promise.all([...this.#sends, ...this.#errors.pending]);
    if (!this.#signal.aborted) {
      await pending;
      return;
    }
    // Cancelled or shutting down: what was sent is still acknowledged into the checkpoint, but not forever
    // (a stopped pipeline must not keep the source running); later acknowledgements are not saved.
    const waitMs = this.deps.settings.cancel_ack_wait_milliseconds;
    await Promise.race([pending, delay(waitMs)]);
    this.#ended = true;
  }

  /** Collection went well but delivery did not: downstream refused a batch, or the lease was lost. */
  #deliveryFailure(): SourceFetchError | undefined {
    if (this.#sendError)
      return new SourceFetchError('internal', `downstream did not acknowledge: ${this.#sendError.message}`, {
        url: this.#url,
      });
    if (this.#saver.leaseLost) return this.#leaseLostError();
    return undefined;
  }

  #leaseLostError(): SourceFetchError {
    return new SourceFetchError('lease_lost', `lease on ${this.#source.id} was lost to another replica`);
  }

  /** Saves the run's end: nothing after a lost lease, and a cancelled run keeps its schedule. */
  async #saveEnd(failure: SourceFetchError | undefined, finishedMs: number): Promise<void> {
    const { settings, http } = this.deps;
    const atCheckpoint = this.#atCheckpoint();
    const end = stateAfterRun(this.before, atCheckpoint, {
      failure,
      finishedMs,
      intervalSeconds: this.#source.interval_seconds,
      maxErrorBackoffSeconds: settings.max_error_backoff_seconds,
      breakerState: this.#url ? http.hostState(this.#url) : '',
    });
    if (failure?.code === 'lease_lost') return;
    // Shutdown: keep what was acknowledged, without counting it as a failure of the source.
    this.#saver.save(failure?.code === 'aborted' ? { ...atCheckpoint, next_fetch_ms: this.before.next_fetch_ms } : end);
    await this.#saver.settled();
  }

  async #finish(failure: SourceFetchError | undefined, finishedMs: number): Promise<SourceRunResult> {
    const result = this.#result;
    result.outcome = runOutcome(failure, this.#notModified);
    if (failure) result.error = failure;
    if (countsAgainstSource(failure)) {
      this.request.report((p) => (p.sourceErrors += 1));
      await this.#errors.failure(failure, this.before.consecutive_errors + 1, finishedMs);
    }
    this.deps.metrics?.sourceRuns.inc({ outcome: result.outcome });
    this.deps.logger.info(
      {
        source_id: result.sourceId,
        outcome: result.outcome,
        collected: result.collected,
        acknowledged: result.acknowledged,
      },
      `source ${result.sourceId} done`,
    );
    return result;
  }
}
