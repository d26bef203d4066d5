// How many sources run at once, in two pools: slots for healthy sources, and separate ones for degraded
// sources (whose last run failed or was slow), so a failing or hanging host never holds the slots healthy
// sources need.
import { Permits } from '@sluice/common';
import type { CollectorMetrics } from '../metrics.js';
import type { CollectorSettings } from '../settings.js';
import type { SourceRunResult } from './source-run-state.js';

export type SlotSettings = Pick<
  CollectorSettings,
  'max_concurrent_sources' | 'max_concurrent_degraded_sources' | 'slow_run_seconds'
>;

/** A held slot; release it once when the run is done. */
export interface SourceSlot {
  release(): void;
}

/**
 * Whether a finished run leaves its source degraded (failed, or slower than `slowMs`); undefined: the run says
 * nothing about the source (it was cancelled or lost its lease) and its standing stays as it was.
 */
export function degradedAfter(
  result: SourceRunResult | undefined,
  durationMs: number,
  slowMs: number,
): boolean | undefined {
  const code = result?.error?.code;
  if (code === 'aborted' || code === 'lease_lost') return undefined;
  const failed = result === undefined || result.outcome === 'error';
  return failed || durationMs > slowMs;
}

/** One slot of a pool, with the function that gives it back (once). */
async function slotOf(pool: Permits, signal: AbortSignal): Promise<() => void> {
  await pool.acquire(1, { signal });
  return pool.releaser(1);
}

/** A slot now if one is free (nobody waiting), else undefined. */
function trySlotOf(pool: Permits): (() => void) | undefined {
  return pool.tryAcquire(1) ? pool.releaser(1) : undefined;
}

export class SourceSlots {
  readonly #healthy: Permits;
  readonly #degradedSlots: Permits;
  /** Room for runs that turned slow while the degraded slots were taken (at most max_concurrent_sources more). */
  readonly #overflow: Permits;
  readonly #degraded = new Set<string>();

  constructor(
    private readonly settings: SlotSettings,
    private readonly metrics?: CollectorMetrics,
  ) {
    this.#healthy = new Permits(settings.max_concurrent_sources);
    this.#degradedSlots = new Permits(settings.max_concurrent_degraded_sources);
    this.#overflow = new Permits(settings.max_concurrent_sources);
  }

  /** Free slots of the pool a source runs in (degraded sources have their own). */
  free(degraded = false): number {
    return degraded ? this.#degradedSlots.available : this.#healthy.available;
  }

  /** The source's last run here failed or was slow: it runs in a degraded slot. */
  isDegraded(id: string): boolean {
    return this.#degraded.has(id);
  }

  /**
   * A healthy source takes a healthy slot; once its run passes slow_run_seconds it moves to a degraded slot, or
   * while those are taken to an overflow slot, so a host that turned slow or hangs (or a new source on one)
   * stops holding a slot healthy sources need. At most 2 × max_concurrent_sources + max_concurrent_degraded_sources
   * runs are under way at once.
   */
  async acquire(id: string, signal: AbortSignal): Promise<SourceSlot> {
    if (this.#degraded.has(id)) return { release: await slotOf(this.#degradedSlots, signal) };
    let release = await slotOf(this.#healthy, signal);
    let timer: NodeJS.Timeout | undefined;
    const move = () => {
      const degraded = trySlotOf(this.#degradedSlots) ?? trySlotOf(this.#overflow);
      if (!degraded) {
        timer = setTimeout(move, 1_000).unref();
        return;
      }
      release();
      release = degraded;
      timer = undefined;
    };
    timer = setTimeout(move, this.settings.slow_run_seconds * 1000).unref();
    return {
      release: () => {
        clearTimeout(timer);
        release();
      },
    };
  }

  /** Records how a source's run went: its next run takes a healthy or a degraded slot. */
  classify(id: string, result: SourceRunResult | undefined, durationMs: number): void {
    const degraded = degradedAfter(result, durationMs, this.settings.slow_run_seconds * 1000);
    if (degraded === undefined) return;
    if (degraded) this.#degraded.add(id);
    else this.#degraded.delete(id);
    this.metrics?.degradedSources.set(this.#degraded.size);
  }
}
