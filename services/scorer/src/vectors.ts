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
 * Register-blocked: four rows of `a` against one row of `b` per pass, so each element of `b` is loaded once
 * for four products (about 2.5× faster than the plain triple loop in V8).
 */
export function similarityMatrix(a: Matrix, b: Matrix): Float32Array {
  if (a.dimensions !== b.dimensions) throw new Error(`dimension mismatch: ${a.dimensions} vs ${b.dimensions}`);
  const d = a.dimensions;
  const ad = a.data;
  const bd = b.data;
  const rowsA = a.rows;
  const rowsB = b.rows;
  const out = new Float32Array(rowsA * rowsB);
  let i = 0;
  for (; i + 3 < rowsA; i += 4) {
    const a0 = i * d;
    const a1 = a0 + d;
    const a2 = a1 + d;
    const a3 = a2 + d;
    for (let j = 0; j < rowsB; j++) {
      const bj = j * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < d; k++) {
        const bv = bd[bj + k]!;
        s0 += ad[a0 + k]! * bv;
        s1 += ad[a1 + k]! * bv;
        s2 += ad[a2 + k]! * bv;
        s3 += ad[a3 + k]! * bv;
      }
      out[i * rowsB + j] = s0;
      out[(i + 1) * rowsB + j] = s1;
      out[(i + 2) * rowsB + j] = s2;
      out[(i + 3) * rowsB + j] = s3;
    }
  }
  for (; i < rowsA; i++) {
    const ai = i * d;
    for (let j = 0; j < rowsB; j++) {
      const bj = j * d;
      let sum = 0;
      for (let k = 0; k < d; k++) sum += ad[ai + k]! * bd[bj + k]!;
      out[i * rowsB + j] = sum;
    }
  }
  return out;
}

/**
 * For every row of `a`, the largest dot product with any row of `b` (-Infinity when `b` is empty). The same
 * register-blocked kernel as similarityMatrix, without materializing the a.rows × b.rows matrix (800 KB per
 * batch against a 2,000-item novelty window).
 */
export function maxSimilarity(a: Matrix, b: Matrix): Float64Array {
  if (a.dimensions !== b.dimensions) throw new Error(`dimension mismatch: ${a.dimensions} vs ${b.dimensions}`);
  const d = a.dimensions;
  const ad = a.data;
  const bd = b.data;
  const rowsA = a.rows;
  const rowsB = b.rows;
  const best = new Float64Array(rowsA).fill(Number.NEGATIVE_INFINITY);
  let i = 0;
  for (; i + 3 < rowsA; i += 4) {
    const a0 = i * d;
    const a1 = a0 + d;
    const a2 = a1 + d;
    const a3 = a2 + d;
    let m0 = Number.NEGATIVE_INFINITY;
    let m1 = Number.NEGATIVE_INFINITY;
    let m2 = Number.NEGATIVE_INFINITY;
    let m3 = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < rowsB; j++) {
      const bj = j * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < d; k++) {
        const bv = bd[bj + k]!;
        s0 += ad[a0 + k]! * bv;
        s1 += ad[a1 + k]! * bv;
        s2 += ad[a2 + k]! * bv;
        s3 += ad[a3 + k]! * bv;
      }
      if (s0 > m0) m0 = s0;
      if (s1 > m1) m1 = s1;
      if (s2 > m2) m2 = s2;
      if (s3 > m3) m3 = s3;
    }
    best[i] = m0;
    best[i + 1] = m1;
    best[i + 2] = m2;
    best[i + 3] = m3;
  }
  for (; i < rowsA; i++) {
    const ai = i * d;
    let m = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < rowsB; j++) {
      const bj = j * d;
      let sum = 0;
      for (let k = 0; k < d; k++) sum += ad[ai + k]! * bd[bj + k]!;
      if (sum > m) m = sum;
    }
    best[i] = m;
  }
  return best;
}
