// Batched cosine similarity on Float32Arrays: many items × many profiles in one pass over contiguous memory
// (row-major matrices), which is what keeps scoring at tens of thousands of items per minute on a CPU.

/** A row-major matrix of `rows` vectors of `dimensions` floats. */
export interface Matrix {
  rows: number;
  dimensions: number;
  data: Float32Array;
}

/** L2-normalizes a copy of `values`; undefined for an empty or all-zero vector. */
export function unitVector(values: ArrayLike<number>): Float32Array | undefined {
  let norm = 0;
  for (let i = 0; i < values.length; i++) norm += values[i]! * values[i]!;
  if (values.length === 0 || !(norm > 0) || !Number.isFinite(norm)) return undefined;
  const inverse = 1 / Math.sqrt(norm);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! * inverse;
  return out;
}

export function toMatrix(vectors: Float32Array[], dimensions: number): Matrix {
  const data = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, row) => data.set(vector.subarray(0, dimensions), row * dimensions));
  return { rows: vectors.length, dimensions, data };
}

/**
 * Dot products of every row of `a` with every row of `b` (cosine for unit vectors): a.rows × b.rows, row-major.
 * Blocked over b so a block of b rows stays in cache while all of a streams past it.
 */
export function similarityMatrix(a: Matrix, b: Matrix): Float32Array {
  if (a.dimensions !== b.dimensions) throw new Error(`dimension mismatch: ${a.dimensions} vs ${b.dimensions}`);
  const d = a.dimensions;
  const out = new Float32Array(a.rows * b.rows);
  const block = 64;
  for (let j0 = 0; j0 < b.rows; j0 += block) {
    const j1 = Math.min(b.rows, j0 + block);
    for (let i = 0; i < a.rows; i++) {
      const ai = i * d;
      for (let j = j0; j < j1; j++) {
        const bj = j * d;
        let sum = 0;
        let k = 0;
        for (; k + 3 < d; k += 4) {
          sum += a.data[ai + k]! * b.data[bj + k]! + a.data[ai + k + 1]! * b.data[bj + k + 1]! + a.data[ai + k + 2]! * b.data[bj + k + 2]! + a.data[ai + k + 3]! * b.data[bj + k + 3]!;
        }
        for (; k < d; k++) sum += a.data[ai + k]! * b.data[bj + k]!;
        out[i * b.rows + j] = sum;
      }
    }
  }
  return out;
}
