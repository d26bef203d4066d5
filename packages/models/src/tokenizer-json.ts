// Word-level tokenizer.json files in the Hugging Face format, read at run time by @huggingface/tokenizers
// (and by the Rust tokenizers library): NFKC + lowercase, then words, "n't", "'s"-style clitics and single
// punctuation marks, the way GloVe's corpus was tokenized.
// The pre-tokenizer is one inverted Split (keep the pattern's matches, drop what lies between: whitespace)
// over the whole text. It yields the same tokens as WhitespaceSplit followed by an isolating Split per word
// (checked against both libraries in the models tests), at half the cost in tokenizers.js, whose per-word
// regex iteration made tokenization the CPU path's bottleneck (bench/RESULTS.md).
export const PAD_TOKEN = '[PAD]';
export const UNK_TOKEN = '[UNK]';

export const WORD_PATTERN = "\\w+(?=n't)|n't|'\\w+|\\w+|[^\\w\\s]";

/** Builds tokenizer.json for a vocabulary whose ids 0 and 1 are [PAD] and [UNK]. */
export function wordLevelTokenizer(vocabulary: readonly string[]): Record<string, unknown> {
  if (vocabulary[0] !== PAD_TOKEN || vocabulary[1] !== UNK_TOKEN)
    throw new Error('vocabulary must start with [PAD], [UNK]');
  const vocab: Record<string, number> = {};
  vocabulary.forEach((word, id) => {
    if (!(word in vocab)) vocab[word] = id;
  });
  const special = (id: number, content: string) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(0, PAD_TOKEN), special(1, UNK_TOKEN)],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Lowercase' }] },
    pre_tokenizer: { type: 'Split', pattern: { Regex: WORD_PATTERN }, behavior: 'Removed', invert: true },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordLevel', vocab, unk_token: UNK_TOKEN },
  };
}

/** tokenizer_config.json: tokenizers.js takes the unknown and padding tokens of a word-level model from here. */
export function wordLevelTokenizerConfig(maxLength: number): Record<string, unknown> {
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    unk_token: UNK_TOKEN,
    pad_token: PAD_TOKEN,
    model_max_length: maxLength,
    do_lower_case: true,
  };
}
