// The novelty window shared by every scorer replica: the recent item embeddings live in the shared log
// "novelty" (shared.proto, kept by the persistence service), and each replica's NoveltyWindow is its local copy.
// Per batch: compute each item's nearest earlier item against the local copy, then append the batch's vectors
// on top of the log's head as this replica last saw it. When another replica appended since, the append is
// refused and returns those vectors: they join the local copy and the batch is computed again, so an item is
// compared with every item scored before it by any replica. One call per batch when nobody raced.
//
// When persistence cannot be reached, novelty is computed against this replica's window alone, and the shared
// log is tried again after `retryAfterMs`.
import type { SharedLog } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import type { NearestKernel, NoveltyWindow } from './novelty-window.js';
import type { Matrix } from './vectors.js';

/** Appends refused in a row before a batch stays local: another replica with a queue of batches can append
 *  between this one's look and its append once per queued batch, so this is well above a replica's queue. */
const MAX_ATTEMPTS = 64;

/** The log's payload of one vector: u16 model name length, the name (UTF-8), then float32 little-endian values. */
export function encodeVector(model: string, values: Float32Array): Buffer {
  const name = Buffer.from(model, 'utf8');
  const out = Buffer.alloc(2 + name.length + values.length * 4);
  out.writeUInt16LE(name.length, 0);
  name.copy(out, 2);
  for (let i = 0; i < values.length; i++) out.writeFloatLE(values[i]!, 2 + name.length + i * 4);
  return out;
}

export function decodeVector(payload: Buffer): { model: string; values: Float32Array } | undefined {
  if (payload.length < 2) return undefined;
  const nameLength = payload.readUInt16LE(0);
  const bytes = payload.length - 2 - nameLength;
  if (bytes < 0 || bytes % 4 !== 0) return undefined;
  const values = new Float32Array(bytes / 4);
  for (let i = 0; i < values.length; i++) values[i] = payload.readFloatLE(2 + nameLength + i * 4);
  return { model: payload.toString('utf8', 2, 2 + nameLength), values };
}

export interface SharedNoveltyOptions {
  window: NoveltyWindow;
  /** Computes the window part of nearest elsewhere (the inference service's similarity graph); default: here. */
  kernel?: NearestKernel;
  log: SharedLog;
  logger: Logger;
  retryAfterMs: number;
  onConflict?: () => void;
  onFallback?: () => void;
  now?: () => number;
}

export class SharedNovelty {
  readonly #options: SharedNoveltyOptions;
  #offlineUntil = 0;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(options: SharedNoveltyOptions) {
    this.#options = options;
  }

  /** Nearest earlier item (of any replica) for each query, then the queries join the window; one batch at a time. */
  nearestThenAdd(queries: Matrix, model: string): Promise<Float64Array> {
    const run = this.#tail.then(() => this.#run(queries, model));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #run(queries: Matrix, model: string): Promise<Float64Array> {
    const { window, log, logger } = this.#options;
    const now = this.#options.now ?? Date.now;
    const kernel = this.#options.kernel;
    const nearest = (q: Matrix) => (kernel ? window.nearestBy(q, kernel) : window.nearest(q));
    if (queries.rows === 0 || window.capacity === 0) return window.nearestThenAdd(queries);
    const d = queries.dimensions;
    const payloads = Array.from({ length: queries.rows }, (_, i) =>
      encodeVector(model, queries.data.subarray(i * d, (i + 1) * d)),
    );
    for (let attempt = 1; ; attempt++) {
      const best = await nearest(queries);
      if (now() < this.#offlineUntil) {
        this.#options.onFallback?.();
        window.add(queries);
        return best;
      }
      try {
        const outcome = await log.append(payloads);
        if (outcome.appended) {
          window.add(queries);
          return best;
        }
        this.#options.onConflict?.();
        // Vectors of another model (or size) are not comparable with this batch's: left out.
        const others = outcome.missed
          .map(decodeVector)
          .filter((v) => v !== undefined && v.values.length === d && (!model || !v.model || v.model === model));
        if (others.length > 0) {
          const data = new Float32Array(others.length * d);
          others.forEach((v, i) => data.set(v!.values, i * d));
          window.add({ rows: others.length, dimensions: d, data });
        }
        if (attempt >= MAX_ATTEMPTS) {
          // Only under sustained contention: computed with everything seen so far, kept by this replica only.
          logger.warn({ attempts: attempt }, 'shared novelty window: appends kept being refused; batch kept locally');
          const latest = await nearest(queries);
          window.add(queries);
          return latest;
        }
      } catch (error) {
        this.#offlineUntil = now() + this.#options.retryAfterMs;
        this.#options.onFallback?.();
        logger.warn(
          { err: error, retry_in_ms: this.#options.retryAfterMs },
          'shared novelty window unreachable; novelty against this replica only',
        );
        window.add(queries);
        return best;
      }
    }
  }
}
