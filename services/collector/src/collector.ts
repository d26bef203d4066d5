// The collector core: runs sources (each kind yields chunks), sends their items downstream as batches,
// and advances each source's checkpoint only over acknowledged chunks. A source's failure is recorded as a
// source error and never stops the others.
import { getMaxListeners, setMaxListeners } from 'node:events';
import type { BatchSender, ItemBatch } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import { CheckpointTracker } from './checkpoint-tracker.js';
import { errorBackoffMs } from './http/backoff.js';
import { SourceFetchError, toFetchError } from './http/fetch-error.js';
import type { HttpClient } from './http/http-client.js';
import { TokenBucket } from './http/token-bucket.js';
import { InFlightWindow } from './in-flight-window.js';
import type { CollectorMetrics } from './metrics.js';
import { RunProgressCounter } from './run-progress.js';
import { Semaphore } from './semaphore.js';
import type { CollectorSettings, SourceConfig } from './settings.js';
import { emptyState, type SourceStateRecord, type SourceStateStore } from './source-state-store.js';
import { collectorFor } from './sources/registry.js';
import { sourcePathResolver } from './sources/source-path.js';
import type { Chunk, CollectContext } from './sources/source-collector.js';

export interface CollectorDeps {
  settings: CollectorSettings;
  store: SourceStateStore;
  /** The downstream stream(s); the collector only sends. */
  sender: Pick<BatchSender, 'send'>;
  http: HttpClient;
  logger: Logger;
  metrics?: CollectorMetrics;
  now?: () => number;
}

export type RunOutcome = 'ok' | 'not_modified' | 'error' | 'lease_lost';

export interface SourceRunResult {
  sourceId: string;
  outcome: RunOutcome;
  collected: number;
  acknowledged: number;
  error?: SourceFetchError;
}

/**
 * A source being collected. Callers that ask for a source already running join the run (and see its progress);
 * the run is cancelled when every caller that joined it has cancelled, and a run being cancelled is never
 * joined: the next caller waits for it to wind down, then starts a fresh run from the saved checkpoint.
 */
interface ActiveRun {
  result: Promise<SourceRunResult>;
  abort: AbortController;
  /** The run's own totals (copied into a caller that joins later) and every caller's counter. */
  totals: RunProgressCounter;
  observers: Set<RunProgressCounter>;
  /** Callers still interested; a caller without a signal stays interested until shutdown. */
  interested: number;
}

function sourceUrl(source: SourceConfig): string {
  return 'url' in source && typeof source.url === 'string' ? source.url : '';
}

function parseCursor(json: string): unknown {
  if (!json) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

export class Collector {
  readonly #sources = new Map<string, SourceConfig>();
  readonly #origins = new Map<string, 'config' | 'api'>();
  readonly #limiters = new Map<string, TokenBucket>();
  readonly #running = new Map<string, ActiveRun>();
  /** Slots for healthy sources, and separate ones for degraded sources (failing or slow: see settings). */
  readonly #slots: Semaphore;
  readonly #degradedSlots: Semaphore;
  /** Room for runs that turned slow while the degraded slots were taken (at most max_concurrent_sources more). */
  readonly #overflowSlots: Semaphore;
  readonly #degraded = new Set<string>();
  readonly #window: InFlightWindow;
  readonly #abort = new AbortController();
  readonly #now: () => number;

  constructor(private readonly deps: CollectorDeps) {
    this.#now = deps.now ?? Date.now;
    this.#slots = new Semaphore(deps.settings.max_concurrent_sources);
    this.#degradedSlots = new Semaphore(deps.settings.max_concurrent_degraded_sources);
    this.#overflowSlots = new Semaphore(deps.settings.max_concurrent_sources);
    this.#window = new InFlightWindow(deps.settings.max_in_flight_items);
    for (const source of deps.settings.sources) this.#sources.set(source.id, source);
  }

  get sources(): SourceConfig[] {
    return [...this.#sources.values()];
  }

  source(id: string): SourceConfig | undefined {
    return this.#sources.get(id);
  }

  /** Where a source was declared: the config file, or a definition managed through the API. */
  origin(id: string): 'config' | 'api' {
    return this.#origins.get(id) ?? 'config';
  }

  /** Replaces the source set (config + API definitions). Running sources finish with their old settings. */
  replaceSources(sources: Map<string, { source: SourceConfig; origin: 'config' | 'api' }>): void {
    for (const [id, previous] of this.#sources) {
      const next = sources.get(id)?.source;
      if (!next || JSON.stringify(next) !== JSON.stringify(previous)) this.#limiters.delete(id);
    }
    this.#sources.clear();
    this.#origins.clear();
    for (const [id, { source, origin }] of sources) {
      this.#sources.set(id, source);
      this.#origins.set(id, origin);
    }
  }

  get runningSourceIds(): string[] {
    return [...this.#running.keys()];
  }

  /** Free slots of the pool a source runs in (degraded sources have their own). */
  freeSlots(degraded = false): number {
    return degraded ? this.#degradedSlots.available : this.#slots.available;
  }

  /** The source's last run here failed or was slow: it runs in a degraded slot. */
  isDegraded(id: string): boolean {
    return this.#degraded.has(id);
  }

  /**
   * Runs the sources once (concurrently, within max_concurrent_sources) and resolves when all are done.
   * `signal` cancels this caller's interest: a run nobody else waits for stops, saving what was acknowledged.
   */
  async run(
    ids: string[],
    progress: RunProgressCounter,
    leaseOwner?: string,
    signal?: AbortSignal,
  ): Promise<SourceRunResult[]> {
    progress.sourcesTotal += ids.length;
    // Each source's run listens for this caller's cancel: one listener per source is expected, not a leak.
    if (signal) setMaxListeners(Math.max(getMaxListeners(signal), ids.length + 10), signal);
    return Promise.all(
      ids.map(async (id) => {
        const result = await this.runSource(id, progress, leaseOwner, signal);
        progress.sourcesDone += 1;
        return result;
      }),
    );
  }

  /** Runs one source; if it is already running here, joins that run instead of polling twice. */
  async runSource(
    id: string,
    progress: RunProgressCounter,
    leaseOwner?: string,
    signal?: AbortSignal,
  ): Promise<SourceRunResult> {
    for (;;) {
      const existing = this.#running.get(id);
      if (!existing) break;
      if (!existing.abort.signal.aborted) return this.#join(id, existing, progress, signal);
      await existing.result.catch(() => undefined);
    }
    const source = this.#sources.get(id);
    const origin = this.origin(id);
    if (!source)
      return {
        sourceId: id,
        outcome: 'error',
        collected: 0,
        acknowledged: 0,
        error: new SourceFetchError('internal', `unknown source ${id}`),
      };
    const active: ActiveRun = {
      result: Promise.resolve(undefined as never),
      abort: new AbortController(),
      totals: new RunProgressCounter(),
      observers: new Set(),
      interested: 0,
    };
    active.observers.add(active.totals);
    active.result = (async () => {
      let slot: { release(): void };
      try {
        slot = await this.#acquireSlot(id, AbortSignal.any([this.#abort.signal, active.abort.signal]));
      } catch {
        return {
          sourceId: id,
          outcome: 'error',
          collected: 0,
          acknowledged: 0,
          error: new SourceFetchError('aborted', 'cancelled before it started'),
        } satisfies SourceRunResult;
      }
      const started = this.#now();
      this.deps.metrics?.sourcesRunning.inc();
      let result: SourceRunResult | undefined;
      try {
        result = await this.#runOnce(source, origin, active, leaseOwner);
        return result;
      } finally {
        this.deps.metrics?.sourcesRunning.dec();
        slot.release();
        this.#classify(id, result, this.#now() - started);
      }
    })();
    this.#running.set(id, active);
    void active.result.finally(() => {
      if (this.#running.get(id) === active) this.#running.delete(id);
    });
    return this.#join(id, active, progress, signal);
  }

  #join(id: string, active: ActiveRun, progress: RunProgressCounter, signal?: AbortSignal): Promise<SourceRunResult> {
    const { totals } = active;
    if (totals.expected > 0) progress.setExpected(id, totals.expected);
    progress.collected += totals.collected;
    progress.acknowledged += totals.acknowledged;
    progress.stored += totals.stored;
    progress.deadLettered += totals.deadLettered;
    active.observers.add(progress);
    active.interested += 1;
    if (signal) {
      const leave = () => {
        active.observers.delete(progress);
        active.interested -= 1;
        if (active.interested === 0) active.abort.abort(new SourceFetchError('aborted', 'cancelled'));
      };
      if (signal.aborted) leave();
      else {
        signal.addEventListener('abort', leave, { once: true });
        void active.result.finally(() => signal.removeEventListener('abort', leave));
      }
    }
    return active.result;
  }

  /**
   * A healthy source takes a healthy slot; once its run passes slow_run_seconds it moves to a degraded slot, or
   * while those are taken to an overflow slot, so a host that turned slow or hangs (or a new source on one)
   * stops holding a slot healthy sources need. At most 2 × max_concurrent_sources + max_concurrent_degraded_sources
   * runs are under way at once.
   */
  async #acquireSlot(id: string, signal: AbortSignal): Promise<{ release(): void }> {
    if (this.#degraded.has(id)) return { release: await this.#degradedSlots.acquire(signal) };
    let release = await this.#slots.acquire(signal);
    let timer: NodeJS.Timeout | undefined;
    const move = () => {
      const degraded = this.#degradedSlots.tryAcquire() ?? this.#overflowSlots.tryAcquire();
      if (!degraded) {
        timer = setTimeout(move, 1_000).unref();
        return;
      }
      release();
      release = degraded;
      timer = undefined;
    };
    timer = setTimeout(move, this.deps.settings.slow_run_seconds * 1000).unref();
    return {
      release: () => {
        clearTimeout(timer);
        release();
      },
    };
  }

  #classify(id: string, result: SourceRunResult | undefined, durationMs: number): void {
    const code = result?.error?.code;
    if (code === 'aborted' || code === 'lease_lost') return;
    const failed = result === undefined || result.outcome === 'error';
    if (failed || durationMs > this.deps.settings.slow_run_seconds * 1000) this.#degraded.add(id);
    else this.#degraded.delete(id);
    this.deps.metrics?.degradedSources.set(this.#degraded.size);
  }

  /** Stops every run (shutdown): in-flight sends are awaited by the caller through the sender. */
  async stop(): Promise<void> {
    this.#abort.abort(new SourceFetchError('aborted', 'collector is shutting down'));
    await Promise.allSettled([...this.#running.values()].map((run) => run.result));
  }

  #limiter(source: SourceConfig): TokenBucket {
    let limiter = this.#limiters.get(source.id);
    if (!limiter) {
      limiter = new TokenBucket(source.rate_limit_per_minute / 60, source.rate_limit_burst);
      this.#limiters.set(source.id, limiter);
    }
    return limiter;
  }

  async #runOnce(
    source: SourceConfig,
    origin: 'config' | 'api',
    active: ActiveRun,
    leaseOwner?: string,
  ): Promise<SourceRunResult> {
    const { store, sender, logger, metrics, settings } = this.deps;
    const progress = (update: (counter: RunProgressCounter) => void) => {
      for (const counter of active.observers) update(counter);
    };
    const url = sourceUrl(source);
    const result: SourceRunResult = { sourceId: source.id, outcome: 'ok', collected: 0, acknowledged: 0 };
    let state: SourceStateRecord;
    try {
      state = (await store.get([source.id])).get(source.id) ?? emptyState(source.id);
    } catch (error) {
      result.outcome = 'error';
      result.error = new SourceFetchError(
        'state_unavailable',
        `source state unavailable: ${(error as Error).message}`,
        { url, cause: error },
      );
      progress((p) => (p.sourceErrors += 1));
      metrics?.sourceErrors.inc({ code: 'state_unavailable' });
      metrics?.sourceRuns.inc({ outcome: 'error' });
      logger.warn({ source_id: source.id, err: error }, 'cannot read source state; the source is skipped this time');
      return result;
    }

    const runAbort = new AbortController();
    const signal = AbortSignal.any([this.#abort.signal, active.abort.signal, runAbort.signal]);
    const tracker = new CheckpointTracker();
    const sends: Array<Promise<void>> = [];
    let sendError: Error | undefined;
    let leaseLost = false;
    let saving: Promise<void> = Promise.resolve();
    let lastSave = this.#now();
    let notModified = false;
    // Set once the run has ended: acknowledgements arriving later (after a cancel) only free the window, and
    // never save a checkpoint over the next run's.
    let ended = false;

    const stateFromCheckpoint = (): SourceStateRecord => {
      const committed = tracker.committed;
      return {
        ...state,
        cursor_json: committed?.cursor !== undefined ? JSON.stringify(committed.cursor) : state.cursor_json,
        etag: committed?.etag ?? state.etag,
        last_modified: committed?.lastModified ?? state.last_modified,
        items_total: state.items_total + result.acknowledged,
      };
    };
    const save = (next: SourceStateRecord) => {
      saving = saving.then(async () => {
        try {
          const saved = await store.save(next, leaseOwner);
          if (!saved && leaseOwner) {
            logger.warn(
              { source_id: source.id, owner: leaseOwner },
              `lease on ${source.id} was lost (expired or taken over); this run stops without saving`,
            );
            leaseLost = true;
            metrics?.leases.inc({ outcome: 'lost' });
            runAbort.abort(new SourceFetchError('lease_lost', `lease on ${source.id} was lost`));
          }
        } catch (error) {
          logger.warn(
            { source_id: source.id, err: error },
            'saving the source checkpoint failed; it is saved again later',
          );
        }
      });
    };
    const maybeCheckpoint = () => {
      if (ended || this.#now() - lastSave < settings.checkpoint_interval_milliseconds || !tracker.takeDirty()) return;
      lastSave = this.#now();
      save(stateFromCheckpoint());
    };

    const recorded: Array<Promise<void>> = [];
    const recordProblem = (problem: SourceFetchError) => {
      metrics?.sourceErrors.inc({ code: problem.code });
      logger.warn(
        { source_id: source.id, code: problem.code, url: problem.url || url },
        `source ${source.id}: ${problem.message}`,
      );
      recorded.push(
        store
          .recordError({
            source_id: source.id,
            code: problem.code,
            message: problem.message.slice(0, 2000),
            occurred_at_ms: this.#now(),
            http_status: problem.httpStatus,
            url: problem.url || url,
          })
          .catch((error: Error) =>
            logger.warn({ source_id: source.id, err: error }, 'recording the source error failed'),
          ),
      );
    };

    let failure: SourceFetchError | undefined;
    try {
      const collect = await collectorFor(source);
      if (!collect)
        throw new SourceFetchError('internal', `source kind ${source.kind} is not supported by this collector`);
      const context: CollectContext = {
        source,
        state: { cursor: parseCursor(state.cursor_json), etag: state.etag, lastModified: state.last_modified },
        http: this.deps.http,
        limiter: this.#limiter(source),
        signal,
        batchSize: settings.batch_size,
        now: this.#now,
        logger,
        resolvePath: sourcePathResolver(origin, settings.import_directories),
        // Defence in depth: API definitions carrying the flag are refused, and it never applies to them.
        allowPrivateNetwork: origin === 'config' && source.allow_private_network,
      };
      for await (const chunk of collect(context) as AsyncIterable<Chunk>) {
        if (leaseLost) throw new SourceFetchError('lease_lost', `lease on ${source.id} was lost to another replica`);
        if (signal.aborted) throw new SourceFetchError('aborted', 'collection stopped');
        if (chunk.expected !== undefined) progress((p) => p.setExpected(source.id, chunk.expected!));
        if (chunk.notModified) notModified = true;
        for (const problem of chunk.problems ?? []) recordProblem(problem);
        const size = chunk.items.length + chunk.deadLetters.length;
        const sequence = tracker.push(chunk.checkpoint);
        if (size === 0) {
          tracker.ack(sequence);
          continue;
        }
        await this.#window.acquire(size, signal);
        progress((p) => (p.collected += chunk.items.length));
        result.collected += chunk.items.length;
        metrics?.items.inc({ outcome: 'collected' }, chunk.items.length);
        if (chunk.deadLetters.length > 0) metrics?.items.inc({ outcome: 'dead_lettered' }, chunk.deadLetters.length);
        const batch: ItemBatch = { items: chunk.items.map((raw) => ({ raw })), dead_letters: chunk.deadLetters };
        sends.push(
          sender
            .send(batch)
            .then(
              (ack) => {
                if (ended) return;
                tracker.ack(sequence);
                const acknowledged = ack.item_ids.length;
                result.acknowledged += acknowledged;
                progress((p) => {
                  p.acknowledged += acknowledged;
                  p.stored += (ack.inserted ?? 0) + (ack.updated ?? 0) + (ack.unchanged ?? 0);
                  p.deadLettered += ack.dead_lettered ?? 0;
                });
                metrics?.items.inc({ outcome: 'acknowledged' }, acknowledged);
                maybeCheckpoint();
              },
              (error: Error) => {
                sendError ??= error;
              },
            )
            .finally(() => this.#window.release(size)),
        );
      }
    } catch (error) {
      failure = toFetchError(error, url);
      if (!(error instanceof SourceFetchError))
        logger.error({ source_id: source.id, err: error }, 'unexpected error while collecting');
    }
    if (signal.aborted) {
      // Cancelled or shutting down: what was sent is still acknowledged into the checkpoint, but not forever
      // (a stopped pipeline must not keep the source running); later acknowledgements are not saved.
      await Promise.race([
        Promise.all([...sends, ...recorded]),
        new Promise((resolve) => setTimeout(resolve, settings.cancel_ack_wait_milliseconds).unref()),
      ]);
      ended = true;
    } else await Promise.all([...sends, ...recorded]);
    if (!failure && sendError)
      failure = new SourceFetchError('internal', `downstream did not acknowledge: ${sendError.message}`, { url });
    if (!failure && leaseLost)
      failure = new SourceFetchError('lease_lost', `lease on ${source.id} was lost to another replica`);
    await saving;
    ended = true;

    const finished = this.#now();
    const consecutiveErrors = failure ? state.consecutive_errors + 1 : 0;
    const final: SourceStateRecord = {
      ...stateFromCheckpoint(),
      last_success_ms: failure ? state.last_success_ms : finished,
      consecutive_errors: consecutiveErrors,
      next_fetch_ms:
        finished + errorBackoffMs(source.interval_seconds, consecutiveErrors, settings.max_error_backoff_seconds),
      breaker_state: url ? this.deps.http.hostState(url) : '',
      last_error: failure ? `${failure.code}: ${failure.message}`.slice(0, 2000) : '',
    };
    if (failure?.code === 'aborted') {
      // Shutdown: keep what was acknowledged, without counting it as a failure of the source.
      save({ ...stateFromCheckpoint(), next_fetch_ms: state.next_fetch_ms });
      await saving;
    } else if (failure?.code !== 'lease_lost') {
      save(final);
      await saving;
    }
    if (failure) {
      result.outcome = failure.code === 'lease_lost' ? 'lease_lost' : 'error';
      result.error = failure;
      if (failure.code !== 'aborted' && failure.code !== 'lease_lost') {
        progress((p) => (p.sourceErrors += 1));
        metrics?.sourceErrors.inc({ code: failure.code });
        logger.warn(
          {
            source_id: source.id,
            code: failure.code,
            http_status: failure.httpStatus,
            url: failure.url || url,
            consecutive_errors: consecutiveErrors,
          },
          `source ${source.id} failed: ${failure.message}`,
        );
        await store
          .recordError({
            source_id: source.id,
            code: failure.code,
            message: failure.message.slice(0, 2000),
            occurred_at_ms: finished,
            http_status: failure.httpStatus,
            url: failure.url || url,
          })
          .catch((error: Error) =>
            logger.warn({ source_id: source.id, err: error }, 'recording the source error failed'),
          );
      }
    } else if (notModified) result.outcome = 'not_modified';
    metrics?.sourceRuns.inc({ outcome: result.outcome });
    logger.info(
      { source_id: source.id, outcome: result.outcome, collected: result.collected, acknowledged: result.acknowledged },
      `source ${source.id} done`,
    );
    return result;
  }
}
