// sluice-topics: zero-shot topics. The sentence embedding of the item against each topic's centroid
// (the normalized mean of its description keywords); logits = cosine × temperature, softmax over topics.
import { GraphBuilder } from '../onnx-graph.js';
import { addSentenceEmbedding } from './embedding-model.js';
import { TOPIC_DESCRIPTIONS } from './topic-descriptions.js';
import { meanOfRows, type WordTable } from './word-table.js';

/**
 * Logit scale, calibrated: the value that minimizes the negative log-likelihood of the true class on the dev
 * half of the labelled news set (services/inference/test/fixtures/news-topics.json; 9 vs. 20 before: dev NLL
 * 0.79 vs. 1.17). At 20 the softmax put > 0.9 on a wrong topic too often.
 */
export const TOPIC_TEMPERATURE = 9;

export function topicCentroids(table: WordTable): { labels: string[]; centroids: Float32Array[]; missing: string[] } {
  const index = new Map(table.vocabulary.map((w, i) => [w, i]));
  const labels: string[] = [];
  const centroids: Float32Array[] = [];
  const missing: string[] = [];
  for (const [topic, keywords] of Object.entries(TOPIC_DESCRIPTIONS)) {
    const ids = keywords.flatMap((k) => {
      const id = index.get(k);
      if (id === undefined) missing.push(k);
      return id === undefined ? [] : [id];
    });
    labels.push(topic);
    centroids.push(meanOfRows(table, ids));
  }
  return { labels, centroids, missing };
}

export function topicsGraph(
  table: WordTable,
  vocabularyMap?: readonly number[],
): { model: Uint8Array; labels: string[] } {
  const { labels, centroids } = topicCentroids(table);
  const dims = table.dimensions;
  const matrix = new Float32Array(dims * labels.length);
  centroids.forEach((c, t) => c.forEach((v, d) => (matrix[d * labels.length + t] = v)));
  const graph = new GraphBuilder();
  const embedding = addSentenceEmbedding(graph, table, 'sentence_embedding', vocabularyMap);
  const cosine = graph.node('MatMul', [
    embedding,
    graph.tensor('topic_centroids', 'float32', [dims, labels.length], matrix),
  ]);
  graph.node('Mul', [cosine, graph.constant([TOPIC_TEMPERATURE], [])], {}, 'logits');
  graph.output('logits', 'float32', ['batch_size', labels.length]);
  return {
    model: graph.encode(
      'sluice_topics',
      'Zero-shot topics: cosine of the averaged-word-vector embedding to topic keyword centroids.',
    ),
    labels,
  };
}
