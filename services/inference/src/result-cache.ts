// Results by (model, content hash), least recently used first out, bounded by what its entries cost in RSS.
//
// The cost of an entry is what it really takes in this process, not its payload: measured on Node 20 (V8 11.3)
// with 200,000 entries of the built-in models' shapes (bench/RESULTS.md, "inference result cache"), RSS grew
// ~650 bytes per entry for a 2-float value and ~1,410 for a 100-float one, while value + key is 60–450 bytes.
// A Map slot, the key string and the Float32Array object cost ~600 bytes together; a value over 64 bytes (V8
// keeps smaller typed arrays on its heap) also has an ArrayBuffer backing store off the heap (~400 bytes of
// bookkeeping and malloc overhead besides its own bytes). The estimate is slightly above every shape measured,
// so cache_max_megabytes bounds the cache's real share of the RSS.
const ENTRY_BYTES = 600;
const ON_HEAP_VALUE_LIMIT = 64;
const BACKING_STORE_BYTES = 400;

/** Bytes of RSS an entry costs (key: one byte per character, as V8 stores ASCII strings). */
export function entryCost(key: string, value: Float32Array): number {
  const backing = value.byteLength > ON_HEAP_VALUE_LIMIT ? BACKING_STORE_BYTES : 0;
  return ENTRY_BYTES + key.length + value.byteLength + backing;
}

export class ResultCache {
  readonly #entries = new Map<string, Float32Array>();
  #bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The entries' estimated cost in RSS (entryCost). */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  static key(model: string, contentHash: string): string {
    return `${model}\u0000${contentHash}`;
  }

  get(key: string): Float32Array | undefined {
    const value = this.#entries.get(key);
    if (value) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Float32Array): void {
    if (this.maxBytes <= 0) return;
    const cost = entryCost(key, value);
    if (cost > this.maxBytes) return;
    const old = this.#entries.get(key);
    if (old) {
      this.#entries.delete(key);
      this.#bytes -= entryCost(key, old);
    }
    this.#entries.set(key, value);
    this.#bytes += cost;
    for (const [k, v] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= entryCost(k, v);
    }
  }

  /** Drops a model's entries (after a reload the model may answer differently). */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}
