// Duplicate detection shared by every transformer replica: the originals live in the shared log "dedup"
// (shared.proto, kept by the persistence service), and each replica's DedupIndex is its local copy of that log.
// Per batch: link duplicates against the local copy (fast, in memory), then append the batch's new originals
// on top of the log's head as this replica last saw it. When another replica appended since, the append is
// refused and returns those originals: they are added to the local copy, this batch's originals are taken
// out again, and the batch is decided anew. So when two replicas receive near-duplicates at the same moment,
// the one that appends second links its item to the other's. One call per batch when nobody raced.
//
// When persistence cannot be reached, batches are decided against the local copy alone (duplicates within
// this replica are still linked), and the shared log is tried again after `retryAfterMs`.
import type { SharedLog } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import type { DedupEntry, DedupIndex, DuplicateMatch } from './dedup-index.js';
import { fingerprintFromHex, fingerprintToHex } from './simhash.js';

/** Appends refused in a row before a batch's decisions stand on the local copy: another replica with a queue of
 *  batches can append between this one's look and its append once per queued batch, so this is well above it. */
const MAX_ATTEMPTS = 64;

/** The log's payload of one original: JSON [id, content hash, dedup key, SimHash hex, near-eligible 0/1]. */
export function encodeOriginal(entry: DedupEntry): Buffer {
  return Buffer.from(
    JSON.stringify([
      entry.id,
      entry.contentHash,
      entry.dedupKey,
      fingerprintToHex(entry.fingerprint),
      entry.nearEligible ? 1 : 0,
    ]),
  );
}

export function decodeOriginal(payload: Buffer): DedupEntry | undefined {
  try {
    const [id, contentHash, dedupKey, fingerprint, eligible] = JSON.parse(payload.toString('utf8')) as unknown[];
    if (typeof id !== 'string' || !id) return undefined;
    return {
      id,
      contentHash: typeof contentHash === 'string' ? contentHash : '',
      dedupKey: typeof dedupKey === 'string' ? dedupKey : '',
      fingerprint: fingerprintFromHex(typeof fingerprint === 'string' ? fingerprint : '') ?? [0, 0],
      nearEligible: eligible === 1,
    };
  } catch {
    return undefined;
  }
}

export interface SharedDedupOptions {
  index: DedupIndex;
  log: SharedLog;
  logger: Logger;
  /** After a failed call, how long batches are decided locally before the shared log is tried again. */
  retryAfterMs: number;
  /** Counts refused appends (another replica appended first). */
  onConflict?: () => void;
  /** Counts batches decided without the shared log (persistence unreachable). */
  onFallback?: () => void;
  now?: () => number;
}

export class SharedDedup {
  readonly #options: SharedDedupOptions;
  #offlineUntil = 0;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(options: SharedDedupOptions) {
    this.#options = options;
  }

  get index(): DedupIndex {
    return this.#options.index;
  }

  /** Links each entry to an earlier original (of any replica) or registers it as one; batches run one at a time. */
  checkBatch(entries: DedupEntry[]): Promise<Array<DuplicateMatch | undefined>> {
    const run = this.#tail.then(() => this.#check(entries));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #check(entries: DedupEntry[]): Promise<Array<DuplicateMatch | undefined>> {
    const { index, log, logger } = this.#options;
    const now = this.#options.now ?? Date.now;
    for (let attempt = 1; ; attempt++) {
      const added: DedupEntry[] = [];
      const matches = entries.map((entry) => {
        const known = index.has(entry.id);
        const match = index.check(entry);
        if (!match && !known) added.push(entry);
        return match;
      });
      if (added.length === 0) return matches;
      if (now() < this.#offlineUntil) {
        this.#options.onFallback?.();
        return matches;
      }
      try {
        const outcome = await log.append(added.map(encodeOriginal));
        if (outcome.appended) return matches;
        this.#options.onConflict?.();
        for (const entry of added) index.remove(entry.id);
        for (const payload of outcome.missed) {
          const original = decodeOriginal(payload);
          if (original) index.add(original);
        }
        if (attempt >= MAX_ATTEMPTS) {
          logger.warn(
            { attempts: attempt },
            'shared duplicate index: appends kept being refused; batch decided locally',
          );
          return index.checkBatch(entries);
        }
      } catch (error) {
        this.#offlineUntil = now() + this.#options.retryAfterMs;
        this.#options.onFallback?.();
        logger.warn(
          { err: error, retry_in_ms: this.#options.retryAfterMs },
          'shared duplicate index unreachable; linking duplicates within this replica only',
        );
        return matches;
      }
    }
  }
}
