/** Cosine similarity of every query against every profile, row-major [queries × profiles]. */
export function cosineSimilarity(queries: ArrayLike<number>[], profiles: ArrayLike<number>[]): Float32Array {
  const norm = (v: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
    return Math.sqrt(s) || 1;
  };
  const profileNorms = profiles.map(norm);
  const out = new Float32Array(queries.length * profiles.length);
  queries.forEach((q, r) => {
    const qn = norm(q);
    profiles.forEach((p, c) => {
      let dot = 0;
      for (let i = 0; i < q.length; i++) dot += q[i]! * p[i]!;
      out[r * profiles.length + c] = dot / (qn * profileNorms[c]!);
    });
  });
  return out;
}
