// One word-level vocabulary for every built-in text model. Their tokenizer.json files are then byte-identical,
// so the inference service tokenizes an item once for all four models (it shares tokenization between models
// with the same tokenizer) instead of once per vocabulary: tokenization was the inference stage's bottleneck.
// Each model's graph translates shared ids to its own (textInputs' vocabulary map), so outputs do not change.
//
// Ids: the word table's vocabulary as it is ([PAD], [UNK], words by frequency), then the words of the other
// vocabularies that the table lacks, sorted.

/** `base` (which starts with [PAD], [UNK]) followed by the other vocabularies' words it lacks, sorted. */
export function sharedVocabulary(base: readonly string[], ...others: ReadonlyArray<readonly string[]>): string[] {
  const known = new Set(base);
  const extra = new Set<string>();
  for (const vocabulary of others) for (const word of vocabulary) if (!known.has(word)) extra.add(word);
  return [...base, ...[...extra].sort()];
}

/**
 * For each shared id, the id the model's own vocabulary gives the same word (its first occurrence, as the
 * tokenizer does), or 1 ([UNK]) where the model lacks the word.
 */
export function vocabularyMap(shared: readonly string[], own: readonly string[]): number[] {
  const index = new Map<string, number>();
  own.forEach((word, id) => {
    if (!index.has(word)) index.set(word, id);
  });
  return shared.map((word) => index.get(word) ?? 1);
}
