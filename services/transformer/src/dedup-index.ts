// Duplicate detection across sources and across time: a bounded, in-memory index of recent originals.
//  - exact: same content hash (normalized title + text) as an earlier item, or the same dedup key (canonical
//    URL) when either of the two has too little text for a SimHash (link posts, title-only items);
//  - near: SimHash within `maxHammingDistance` bits of an earlier item's, found by multi-index hashing
//    (Manku et al.): the 64 bits are cut into `bands` bands (default 4 of 16 bits) and every original whose
//    band equals the item's band or differs from it in one bit is a candidate. Two fingerprints differing in
//    at most 2 × bands − 1 bits have a band with at most one differing bit (pigeonhole), so recall is certain
//    up to 7 bits and ~95% at 8 (missed only when 8 bits split 2-2-2-2). A lookup probes 4 × 17 buckets of
//    ~N/65,536 originals each: ~200 candidates at N = 200,000 instead of N.
// Duplicates are linked to their original (duplicate_of) and never dropped. The same item arriving again
// (at-least-once replays) is recognised by its id and stays an original. Oldest entries are evicted first.
import type { Fingerprint } from './simhash.js';

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
  /** LSH bands (default 4 of 16 bits), each probed with its own bits and all one-bit variants. */
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
  return (fp[1] >>> start) + ((fp[0] & mask(width - lowWidth)) >>> 0) * 2 ** lowWidth;
}

/** 53-bit key of a string (two FNV-1a variants): Map keys without keeping long URLs alive. */
function stringKey(value: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 2097152 + ((b >>> 0) >>> 11);
}

function popcount32(input: number): number {
  let v = input - ((input >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Bucket ends (first or last node + 1; 0 = empty) by bucket key: a flat array for a small key space, else a Map. */
class BucketEnds {
  readonly #flat: Int32Array | undefined;
  readonly #map = new Map<number, number>();

  constructor(keys: number) {
    this.#flat = keys <= 2 ** 22 ? new Int32Array(keys) : undefined;
  }

  get(key: number): number {
    return this.#flat ? this.#flat[key]! : (this.#map.get(key) ?? 0);
  }

  set(key: number, value: number): void {
    if (this.#flat) this.#flat[key] = value;
    else if (value) this.#map.set(key, value);
    else this.#map.delete(key);
  }
}

/**
 * Storage is columnar (typed arrays per field, slot = position in the FIFO ring) and the exact-match maps are
 * keyed by 53-bit hashes of the content hash and dedup key. Each bucket is a doubly linked list threaded
 * through typed arrays (node = slot × bands + band), in arrival order: no JS array per bucket. That keeps an
 * entry at ~0.3 KB of RSS where per-bucket arrays cost ~1 KB (bench/RESULTS.md, "transformer memory at scale"),
 * so the index's memory is bounded by `dedup_capacity_items` at a known cost.
 */
export class DedupIndex {
  readonly #capacity: number;
  readonly #maxDistance: number;
  readonly #bandWidth: number;
  readonly #bandSpan: number;
  readonly #bands: number;
  readonly #ids: Array<string | undefined>;
  readonly #high: Uint32Array;
  readonly #low: Uint32Array;
  readonly #hashKeys: Float64Array;
  readonly #dedupKeys: Float64Array;
  readonly #eligible: Uint8Array;
  #next = 0;
  readonly #byId = new Map<string, number>();
  readonly #byHash = new Map<number, number>();
  readonly #byKey = new Map<number, number>();
  // Buckets: first and last node by key, and each node's neighbours (node + 1; 0 = none).
  readonly #first: BucketEnds;
  readonly #last: BucketEnds;
  readonly #nextNode: Int32Array;
  readonly #previousNode: Int32Array;

  constructor(options: DedupIndexOptions) {
    if (!(options.capacity >= 1)) throw new Error('dedup capacity must be at least 1');
    if (!(options.maxHammingDistance >= 0 && options.maxHammingDistance < 32))
      throw new Error('max Hamming distance must be 0..31');
    this.#capacity = Math.floor(options.capacity);
    this.#maxDistance = options.maxHammingDistance;
    this.#bands = Math.max(2, Math.min(32, Math.floor(options.bands ?? 4)));
    this.#bandWidth = Math.ceil(64 / this.#bands);
    this.#bandSpan = 2 ** this.#bandWidth;
    this.#first = new BucketEnds(this.#bands * this.#bandSpan);
    this.#last = new BucketEnds(this.#bands * this.#bandSpan);
    this.#nextNode = new Int32Array(this.#capacity * this.#bands);
    this.#previousNode = new Int32Array(this.#capacity * this.#bands);
    this.#ids = new Array<string | undefined>(this.#capacity).fill(undefined);
    this.#high = new Uint32Array(this.#capacity);
    this.#low = new Uint32Array(this.#capacity);
    this.#hashKeys = new Float64Array(this.#capacity);
    this.#dedupKeys = new Float64Array(this.#capacity);
    this.#eligible = new Uint8Array(this.#capacity);
  }

  get size(): number {
    return this.#byId.size;
  }

  /**
   * The bucket key of each band (band × 2^width + the band's bits: unique per band, a small integer for 16-bit
   * bands); with `oneBitVariants`, also every key with one bit of the band flipped: the keys a lookup probes
   * (multi-index hashing).
   */
  #bandKeys(fp: Fingerprint, oneBitVariants = false): number[] {
    const keys: number[] = [];
    for (let band = 0; band < this.#bands; band++) {
      const start = band * this.#bandWidth;
      const width = Math.min(this.#bandWidth, 64 - start);
      if (width <= 0) break;
      const value = bits(fp, start, width);
      const base = band * this.#bandSpan;
      keys.push(base + value);
      if (oneBitVariants) for (let bit = 0; bit < width; bit++) keys.push(base + ((value ^ (1 << bit)) >>> 0));
    }
    return keys;
  }

  /** The original `entry` duplicates, if any (does not change the index). */
  find(entry: DedupEntry): DuplicateMatch | undefined {
    const ids = this.#ids;
    const other = (slot: number | undefined): string | undefined => {
      const id = slot === undefined ? undefined : ids[slot];
      return id !== undefined && id !== entry.id ? id : undefined;
    };
    const sameText = entry.contentHash ? other(this.#byHash.get(stringKey(entry.contentHash))) : undefined;
    if (sameText) return { duplicate_of: sameText, duplicate_kind: 'exact' };
    // The same canonical URL is the same content when one side has too little text to compare (a link post,
    // a title-only item). Two substantial, different texts under one URL (live-blog entries told apart by
    // their fragment, an updated article) are compared by SimHash below instead.
    const urlSlot = entry.dedupKey ? this.#byKey.get(stringKey(entry.dedupKey)) : undefined;
    const sameUrl = other(urlSlot);
    if (sameUrl && (!entry.nearEligible || !this.#eligible[urlSlot!]))
      return { duplicate_of: sameUrl, duplicate_kind: 'exact' };
    if (!entry.nearEligible) return undefined;
    const [fh, fl] = entry.fingerprint;
    let bestSlot = -1;
    let bestDistance = this.#maxDistance + 1;
    const bands = this.#bands;
    const next = this.#nextNode;
    for (const key of this.#bandKeys(entry.fingerprint, true)) {
      for (let node = this.#first.get(key); node !== 0; node = next[node - 1]!) {
        const slot = ((node - 1) / bands) | 0;
        const distance = popcount32((this.#high[slot]! ^ fh) >>> 0) + popcount32((this.#low[slot]! ^ fl) >>> 0);
        if (distance < bestDistance && ids[slot] !== entry.id) {
          bestDistance = distance;
          bestSlot = slot;
        }
      }
    }
    return bestSlot >= 0 ? { duplicate_of: ids[bestSlot]!, duplicate_kind: 'near', distance: bestDistance } : undefined;
  }

  /** Checks `entry` against the index; an original is added (a known id is left as it is). */
  check(entry: DedupEntry): DuplicateMatch | undefined {
    const match = this.find(entry);
    if (!match && !this.#byId.has(entry.id)) this.add(entry);
    return match;
  }

  /** Checks a batch in order (later entries are compared with the originals of earlier ones). */
  checkBatch(entries: readonly DedupEntry[]): Array<DuplicateMatch | undefined> {
    return entries.map((entry) => this.check(entry));
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** Forgets an original (its ring slot stays empty until the ring comes round to it). */
  remove(id: string): void {
    const slot = this.#byId.get(id);
    if (slot !== undefined) this.#evict(slot);
  }

  /** Adds an original (e.g. when seeding from stored items). */
  add(entry: DedupEntry): void {
    if (this.#byId.has(entry.id)) return;
    const slot = this.#next;
    this.#next = (this.#next + 1) % this.#capacity;
    this.#evict(slot);
    this.#ids[slot] = entry.id;
    this.#high[slot] = entry.fingerprint[0];
    this.#low[slot] = entry.fingerprint[1];
    this.#eligible[slot] = entry.nearEligible ? 1 : 0;
    this.#byId.set(entry.id, slot);
    const hashKey = entry.contentHash ? stringKey(entry.contentHash) : 0;
    const dedupKey = entry.dedupKey ? stringKey(entry.dedupKey) : 0;
    this.#hashKeys[slot] = hashKey;
    this.#dedupKeys[slot] = dedupKey;
    if (hashKey && !this.#byHash.has(hashKey)) this.#byHash.set(hashKey, slot);
    if (dedupKey && !this.#byKey.has(dedupKey)) this.#byKey.set(dedupKey, slot);
    if (entry.nearEligible) {
      // Appended at the end of each band's bucket: buckets keep arrival order, so ties go to the oldest.
      this.#bandKeys(entry.fingerprint).forEach((key, band) => {
        const node = slot * this.#bands + band + 1;
        const last = this.#last.get(key);
        this.#previousNode[node - 1] = last;
        this.#nextNode[node - 1] = 0;
        if (last) this.#nextNode[last - 1] = node;
        else this.#first.set(key, node);
        this.#last.set(key, node);
      });
    }
  }

  #evict(slot: number): void {
    const id = this.#ids[slot];
    if (id === undefined) return;
    this.#ids[slot] = undefined;
    this.#byId.delete(id);
    const hashKey = this.#hashKeys[slot]!;
    const dedupKey = this.#dedupKeys[slot]!;
    if (hashKey && this.#byHash.get(hashKey) === slot) this.#byHash.delete(hashKey);
    if (dedupKey && this.#byKey.get(dedupKey) === slot) this.#byKey.delete(dedupKey);
    if (this.#eligible[slot]) {
      this.#bandKeys([this.#high[slot]!, this.#low[slot]!]).forEach((key, band) => {
        const node = slot * this.#bands + band;
        const previous = this.#previousNode[node]!;
        const next = this.#nextNode[node]!;
        if (previous) this.#nextNode[previous - 1] = next;
        else this.#first.set(key, next);
        if (next) this.#previousNode[next - 1] = previous;
        else this.#last.set(key, previous);
        this.#previousNode[node] = 0;
        this.#nextNode[node] = 0;
      });
    }
  }
}
