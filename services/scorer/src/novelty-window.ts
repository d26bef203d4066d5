// The most recent item embeddings (a ring buffer), for novelty: how far an item is from its nearest recent
// neighbour. Queries are batched: all items of a batch against the whole window in one matrix product, then
// each item against the items before it in the same batch.
import { maxSimilarity, similarityMatrix, type Matrix } from './vectors.js';

/** Each query's highest similarity to any window vector (the window part of nearest, e.g. on the device). */
export type NearestKernel = (queries: Matrix, window: Matrix) => Promise<ArrayLike<number>>;

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
    const window = this.#windowFor(queries);
    return this.#withinBatch(queries, window ? maxSimilarity(queries, window) : undefined);
  }

  /** What nearest returns, with the window part computed by `kernel` (the inference service's similarity graph). */
  async nearestBy(queries: Matrix, kernel: NearestKernel): Promise<Float64Array> {
    const window = this.#windowFor(queries);
    return this.#withinBatch(queries, window ? await kernel(queries, window) : undefined);
  }

  /** The window as a matrix when queries can be compared with it. */
  #windowFor(queries: Matrix): Matrix | undefined {
    if (this.#capacity === 0 || queries.rows === 0 || this.#count === 0) return undefined;
    const d = queries.dimensions;
    if (d !== this.#dimensions) return undefined;
    return { rows: this.#count, dimensions: d, data: this.#data.subarray(0, this.#count * d) };
  }

  /** The window's best per query (if any), raised by the queries before each in the same batch. */
  #withinBatch(queries: Matrix, fromWindow: ArrayLike<number> | undefined): Float64Array {
    const best = new Float64Array(queries.rows).fill(Number.NEGATIVE_INFINITY);
    if (this.#capacity === 0 || queries.rows === 0) return best;
    if (fromWindow) best.set(fromWindow);
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
