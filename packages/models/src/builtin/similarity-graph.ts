// The similarity graphs the inference service runs on its device (docs/models.md, "Similarity on the device"):
// cosine similarity of a batch of queries against a set of keys (interest profiles, or the novelty window) as
// one MatMul, and the k best keys of each query by TopK. Both inputs are L2-normalized in the graph, so callers
// may send raw embeddings; the result equals the service's local path within float rounding.
import { GraphBuilder } from '../onnx-graph.js';

/** Rows divided by their L2 norm (a zero row stays zero). */
function normalizeRows(graph: GraphBuilder, matrix: string): string {
  const norm = graph.node('ReduceL2', [matrix], { axes: [1], keepdims: 1 });
  return graph.node('Div', [matrix, graph.node('Max', [norm, graph.constant([1e-12], [])])]);
}

/**
 * Inputs: `queries` float32 [queries, dimensions], `keys` float32 [keys, dimensions], `k` int64 [1] (1 ≤ k ≤
 * keys). Outputs: `scores` [queries, keys] (row-major cosine similarities), `top_scores` and `top_indices`
 * [queries, k] (each row's k highest scores, best first, and their key indices). A caller fetches either.
 */
export function similarityGraph(): Uint8Array {
  const graph = new GraphBuilder();
  const queries = graph.input('queries', 'float32', ['queries', 'dimensions']);
  const keys = graph.input('keys', 'float32', ['keys', 'dimensions']);
  const k = graph.input('k', 'int64', [1]);
  const keysT = graph.node('Transpose', [normalizeRows(graph, keys)], { perm: [1, 0] });
  const scores = graph.node('MatMul', [normalizeRows(graph, queries), keysT], {}, 'scores');
  graph.output('scores', 'float32', ['queries', 'keys']);
  graph.nodeOutputsNamed('TopK', [scores, k], ['top_scores', 'top_indices'], { axis: 1, largest: 1, sorted: 1 });
  graph.output('top_scores', 'float32', ['queries', 'k']);
  graph.output('top_indices', 'int64', ['queries', 'k']);
  return graph.encode('sluice_similarity', 'Cosine similarity (MatMul of L2-normalized rows) and the top k per row.');
}
