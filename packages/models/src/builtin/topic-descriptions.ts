// Topic descriptions for the zero-shot topic model: each topic is the normalized mean of its keywords'
// word vectors; an item's topic scores are the cosine similarities of its embedding to these centroids.
// The keywords are data (topic-descriptions.json, read when the model is built): 30–60 common, unambiguous
// words per topic, in label order (words missing from the vocabulary are skipped at build time).
import descriptions from './topic-descriptions.json' with { type: 'json' };

export const TOPIC_DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = descriptions;
