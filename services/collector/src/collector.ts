// The collector core: holds the source set, runs sources (within the slots of source-slots.ts), lets callers
// that ask for a source already running join its run (shared-run.ts), and stops every run at shutdown. One
// run of one source is source-run.ts.
import { getMaxListeners, setMaxListeners } from 'node:events';
import { Permits } from '@sluice/common';
import type { BatchSender } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import { SourceFetchError } from './http/fetch-error.js';
import type { HttpClient } from './http/http-client.js';
import { TokenBucket } from './http/token-bucket.js';
import type { CollectorMetrics } from './metrics.js';
import type { RunProgressCounter } from './runs/run-progress.js';
import type { CollectorSettings } from './settings.js';
import type { SourceConfig } from './source-settings.js';
import { SharedRun } from './runs/shared-run.js';
import { runSourceOnce, type SourceRunDeps } from './runs/source-run.js';
import type { SourceRunResult } from './runs/source-run-state.js';
import { SourceSlots, type SourceSlot } from './runs/source-slots.js';
import type { SourceStateStore } from './source-state-store.js';

export type { RunOutcome, SourceRunResult } from './runs/source-run-state.js';

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

export class Collector {
  readonly #sources = new Map<string, SourceConfig>();
  readonly #origins = new Map<string, 'config' | 'api'>();
  readonly #limiters = new Map<string, TokenBucket>();
  readonly #running = new Map<string, SharedRun>();
  readonly #slots: SourceSlots;
  readonly #abort = new AbortController();
  readonly #now: () => number;
  readonly #runDeps: SourceRunDeps;

  constructor(private readonly deps: CollectorDeps) {
    this.#now = deps.now ?? Date.now;
    this.#slots = new SourceSlots(deps.settings, deps.metrics);
    this.#runDeps = {
      ...deps,
      now: this.#now,
      // Items sent downstream and not yet acknowledged, across all sources, so a slow pipeline slows collection
      // instead of growing memory. A chunk larger than the window goes alone; waiting sources are served by
      // priority with aging (a high-priority source overtakes a backlog, which still gets its turn).
      window: new Permits(deps.settings.max_in_flight_items, {
        admitOversizeAlone: true,
        agingMilliseconds: deps.settings.priority_aging_milliseconds,
      }),
      limiterFor: (source) => this.#limiter(source),
    };
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
    return this.#slots.free(degraded);
  }

  /** The source's last run here failed or was slow: it runs in a degraded slot. */
  isDegraded(id: string): boolean {
    return this.#slots.isDegraded(id);
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
      if (existing.joinable) return existing.join(progress, signal);
      await existing.result.catch(() => undefined);
    }
    const source = this.#sources.get(id);
    if (!source)
      return {
        sourceId: id,
        outcome: 'error',
        collected: 0,
        acknowledged: 0,
        error: new SourceFetchError('internal', `unknown source ${id}`),
      };
    const origin = this.origin(id);
    const run = new SharedRun(id, (shared) => this.#runInSlot(source, origin, shared, leaseOwner));
    this.#running.set(id, run);
    void run.result.finally(() => {
      if (this.#running.get(id) === run) this.#running.delete(id);
    });
    return run.join(progress, signal);
  }

  /** Waits for a slot, runs the source once, and records how it went for the next run's slot. */
  async #runInSlot(
    source: SourceConfig,
    origin: 'config' | 'api',
    shared: SharedRun,
    leaseOwner: string | undefined,
  ): Promise<SourceRunResult> {
    const signal = AbortSignal.any([this.#abort.signal, shared.abort.signal]);
    let slot: SourceSlot;
    try {
      slot = await this.#slots.acquire(source.id, signal);
    } catch {
      return {
        sourceId: source.id,
        outcome: 'error',
        collected: 0,
        acknowledged: 0,
        error: new SourceFetchError('aborted', 'cancelled before it started'),
      };
    }
    const started = this.#now();
    this.deps.metrics?.sourcesRunning.inc();
    let result: SourceRunResult | undefined;
    try {
      result = await runSourceOnce(this.#runDeps, {
        source,
        origin,
        leaseOwner,
        signal,
        report: (update) => shared.report(update),
      });
      return result;
    } finally {
      this.deps.metrics?.sourcesRunning.dec();
      slot.release();
      this.#slots.classify(source.id, result, this.#now() - started);
    }
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
}
