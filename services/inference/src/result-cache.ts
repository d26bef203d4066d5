// Results by (model, content hash), least recently used first out, bounded in bytes.
export class ResultCache {
  readonly #entries = new Map<string, Float32Array>();
  #bytes = 0;

  constructor(private readonly maxBytes: number) {}

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
    const cost = value.byteLength + key.length * 2 + 64;
    if (cost > this.maxBytes) return;
    const old = this.#entries.get(key);
    if (old) {
      this.#entries.delete(key);
      this.#bytes -= old.byteLength + key.length * 2 + 64;
    }
    this.#entries.set(key, value);
    this.#bytes += cost;
    for (const [k, v] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= v.byteLength + k.length * 2 + 64;
    }
  }

  /** Drops a model's entries (after a reload the model may answer differently). */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}
