// The most recent item embeddings (a ring buffer), for novelty: how far an item is from its nearest recent
// neighbour. Queries are batched: all items of a batch against the whole window in one matrix product, then
// each item against the items before it in the same batch.
import { maxSimilarity, similarityMatrix, type Matrix } from './vectors.js';

export class NoveltyWindow {
  readonly #capacity: number;
  #dimensions = 0;
  #data = new Float32Array(0);
  #count = 0;
  #next = 0;

  constructor(capacity: number) {
    this.#capacity = Math.max(0, Math.floor(capacity));
  }

  get size(): number {
    return this.#count;
  }

  get capacity(): number {
    return this.#capacity;
  }

  /** Vectors kept have this many dimensions (0 before the first). */
  get dimensions(): number {
    return this.#dimensions;
  }

  /**
   * Highest cosine similarity of each query to any earlier vector (window, then earlier queries of the batch),
   * -Infinity when there is none; then adds the queries to the window. Queries must be unit vectors of one size.
   */
  nearestThenAdd(queries: Matrix): Float64Array {
    const best = this.nearest(queries);
    this.add(queries);
    return best;
  }

  /** What nearestThenAdd returns, without adding the queries. */
  nearest(queries: Matrix): Float64Array {
    const best = new Float64Array(queries.rows).fill(Number.NEGATIVE_INFINITY);
    if (this.#capacity === 0 || queries.rows === 0) return best;
    const d = queries.dimensions;
    if (this.#count > 0 && d === this.#dimensions) {
      const window: Matrix = { rows: this.#count, dimensions: d, data: this.#data.subarray(0, this.#count * d) };
      best.set(maxSimilarity(queries, window));
    }
    // Within the batch: item i against items 0..i-1.
    const inBatch = similarityMatrix(queries, queries);
    for (let i = 1; i < queries.rows; i++) {
      for (let j = 0; j < i; j++)
        if (inBatch[i * queries.rows + j]! > best[i]!) best[i] = inBatch[i * queries.rows + j]!;
    }
    return best;
  }

  /** Adds unit vectors to the window (oldest leave first); vectors of another size start it over. */
  add(vectors: Matrix): void {
    if (this.#capacity === 0 || vectors.rows === 0) return;
    if (vectors.dimensions !== this.#dimensions) {
      // A different embedding model: the old vectors are not comparable, start over.
      this.#dimensions = vectors.dimensions;
      this.#data = new Float32Array(this.#capacity * vectors.dimensions);
      this.#count = 0;
      this.#next = 0;
    }
    const d = this.#dimensions;
    for (let i = 0; i < vectors.rows; i++) {
      this.#data.set(vectors.data.subarray(i * d, (i + 1) * d), this.#next * d);
      this.#next = (this.#next + 1) % this.#capacity;
      this.#count = Math.min(this.#capacity, this.#count + 1);
    }
  }
}
