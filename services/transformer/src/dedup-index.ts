// Duplicate detection across sources and across time: a bounded, in-memory index of recent originals.
//  - exact: same content hash (normalized title + text) or same dedup key (canonical URL) as an earlier item;
//  - near: SimHash within `maxHammingDistance` bits of an earlier item's, found through LSH banding: the 64
//    bits are cut into `bands` bands and an item is compared with every earlier item that agrees on at least
//    one whole band. Two fingerprints differing in fewer than `bands` bits always share a band (pigeonhole),
//    so recall is certain up to bands − 1 bits and high just beyond (8 bands of 8 bits: ~95% at 8 bits).
//    Fewer, wider bands mean fewer candidates per lookup (8 × N/256 at N originals).
// Duplicates are linked to their original (duplicate_of) and never dropped. The same item arriving again
// (at-least-once replays) is recognised by its id and stays an original. Oldest entries are evicted first.
import { hammingDistance, type Fingerprint } from './simhash.js';

export type DuplicateKind = 'exact' | 'near' | '';

export interface DedupEntry {
  id: string;
  contentHash: string;
  dedupKey: string;
  fingerprint: Fingerprint;
  /** Near-duplicate detection needs enough words; short items take part in exact matching only. */
  nearEligible: boolean;
}

export interface DuplicateMatch {
  duplicate_of: string;
  duplicate_kind: DuplicateKind;
  /** Hamming distance for near duplicates. */
  distance?: number;
}

export interface DedupIndexOptions {
  /** Originals remembered (FIFO eviction). */
  capacity: number;
  /** Largest SimHash Hamming distance still called a near duplicate (0..31). */
  maxHammingDistance: number;
  /** LSH bands (default 8 of 8 bits). */
  bands?: number;
}

function mask(width: number): number {
  return width >= 32 ? 0xffffffff : (1 << width) - 1;
}

/** `width` (≤ 32) bits of the fingerprint from bit `start`; bits 0..31 are the low word, 32..63 the high word. */
export function bits(fp: Fingerprint, start: number, width: number): number {
  if (start >= 32) return ((fp[0] >>> (start - 32)) & mask(width)) >>> 0;
  if (start + width <= 32) return ((fp[1] >>> start) & mask(width)) >>> 0;
  const lowWidth = 32 - start;
  return (fp[1] >>> start) + (((fp[0] & mask(width - lowWidth)) >>> 0) * 2 ** lowWidth);
}

export class DedupIndex {
  readonly #capacity: number;
  readonly #maxDistance: number;
  readonly #bandWidth: number;
  readonly #bands: number;
  readonly #slots: Array<DedupEntry | undefined>;
  #next = 0;
  readonly #byId = new Map<string, number>();
  readonly #byHash = new Map<string, number>();
  readonly #byKey = new Map<string, number>();
  readonly #buckets = new Map<number, number[]>();

  constructor(options: DedupIndexOptions) {
    if (!(options.capacity >= 1)) throw new Error('dedup capacity must be at least 1');
    if (!(options.maxHammingDistance >= 0 && options.maxHammingDistance < 32)) throw new Error('max Hamming distance must be 0..31');
    this.#capacity = Math.floor(options.capacity);
    this.#maxDistance = options.maxHammingDistance;
    this.#bands = Math.max(1, Math.min(64, Math.floor(options.bands ?? 8)));
    this.#bandWidth = Math.ceil(64 / this.#bands);
    this.#slots = new Array<DedupEntry | undefined>(this.#capacity);
  }

  get size(): number {
    return this.#byId.size;
  }

  #bandKeys(fp: Fingerprint): number[] {
    const keys: number[] = [];
    for (let band = 0; band < this.#bands; band++) {
      const start = band * this.#bandWidth;
      const width = Math.min(this.#bandWidth, 64 - start);
      if (width <= 0) break;
      // band * 2^32 + value: unique per band, exact in a double (values < 2^22 here).
      keys.push(band * 4294967296 + bits(fp, start, width));
    }
    return keys;
  }

  /** The original `entry` duplicates, if any (does not change the index). */
  find(entry: DedupEntry): DuplicateMatch | undefined {
    const other = (slot: number | undefined): DedupEntry | undefined => {
      const found = slot === undefined ? undefined : this.#slots[slot];
      return found && found.id !== entry.id ? found : undefined;
    };
    const exact = other(this.#byHash.get(entry.contentHash)) ?? (entry.dedupKey ? other(this.#byKey.get(entry.dedupKey)) : undefined);
    if (exact) return { duplicate_of: exact.id, duplicate_kind: 'exact' };
    if (!entry.nearEligible) return undefined;
    let best: { entry: DedupEntry; distance: number } | undefined;
    for (const key of this.#bandKeys(entry.fingerprint)) {
      for (const slot of this.#buckets.get(key) ?? []) {
        const candidate = other(slot);
        if (!candidate) continue;
        const distance = hammingDistance(candidate.fingerprint, entry.fingerprint);
        if (distance <= this.#maxDistance && (!best || distance < best.distance)) best = { entry: candidate, distance };
      }
    }
    return best ? { duplicate_of: best.entry.id, duplicate_kind: 'near', distance: best.distance } : undefined;
  }

  /** Checks `entry` against the index; an original is added (a known id is refreshed in place). */
  check(entry: DedupEntry): DuplicateMatch | undefined {
    const match = this.find(entry);
    if (!match && !this.#byId.has(entry.id)) this.add(entry);
    return match;
  }

  /** Adds an original (e.g. when seeding from stored items). */
  add(entry: DedupEntry): void {
    if (this.#byId.has(entry.id)) return;
    const slot = this.#next;
    this.#next = (this.#next + 1) % this.#capacity;
    this.#evict(slot);
    this.#slots[slot] = entry;
    this.#byId.set(entry.id, slot);
    if (entry.contentHash && !this.#byHash.has(entry.contentHash)) this.#byHash.set(entry.contentHash, slot);
    if (entry.dedupKey && !this.#byKey.has(entry.dedupKey)) this.#byKey.set(entry.dedupKey, slot);
    if (entry.nearEligible) {
      for (const key of this.#bandKeys(entry.fingerprint)) {
        const bucket = this.#buckets.get(key);
        if (bucket) bucket.push(slot);
        else this.#buckets.set(key, [slot]);
      }
    }
  }

  #evict(slot: number): void {
    const old = this.#slots[slot];
    if (!old) return;
    this.#slots[slot] = undefined;
    this.#byId.delete(old.id);
    if (this.#byHash.get(old.contentHash) === slot) this.#byHash.delete(old.contentHash);
    if (old.dedupKey && this.#byKey.get(old.dedupKey) === slot) this.#byKey.delete(old.dedupKey);
    if (old.nearEligible) {
      for (const key of this.#bandKeys(old.fingerprint)) {
        const bucket = this.#buckets.get(key);
        if (!bucket) continue;
        const at = bucket.indexOf(slot);
        if (at >= 0) bucket.splice(at, 1);
        if (bucket.length === 0) this.#buckets.delete(key);
      }
    }
  }
}
