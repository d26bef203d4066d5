// A BERT tokenizer in the files a sentence-transformers / Optimum export ships: tokenizer.json (WordPiece with
// BertNormalizer, BertPreTokenizer and a TemplateProcessing post-processor adding [CLS] … [SEP]),
// tokenizer_config.json and special_tokens_map.json. Used for test models in real layouts.

export const BERT_SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/**
 * A WordPiece vocabulary: the special tokens, punctuation, single characters and their ## continuations
 * (so every lowercase ASCII word has a tokenization), then the given words and ## pieces, without repeats.
 */
export function wordPieceVocabulary(words: readonly string[]): string[] {
  const out: string[] = [...BERT_SPECIAL_TOKENS, ...PUNCTUATION, ...LETTERS, ...[...LETTERS].map((c) => `##${c}`)];
  const seen = new Set(out);
  for (const word of words) {
    if (!seen.has(word)) {
      seen.add(word);
      out.push(word);
    }
  }
  return out;
}

const special = (id: number, content: string) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
});

export function wordPieceTokenizerFiles(vocabulary: readonly string[], maxLength: number): Record<string, unknown> {
  const vocab: Record<string, number> = Object.fromEntries(vocabulary.map((token, id) => [token, id]));
  const id = (token: string) => vocab[token]!;
  return {
    'tokenizer.json': {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: BERT_SPECIAL_TOKENS.map((t) => special(id(t), t)),
      normalizer: {
        type: 'BertNormalizer',
        clean_text: true,
        handle_chinese_chars: true,
        strip_accents: null,
        lowercase: true,
      },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
        ],
        pair: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
          { Sequence: { id: 'B', type_id: 1 } },
          { SpecialToken: { id: '[SEP]', type_id: 1 } },
        ],
        special_tokens: {
          '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
          '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
        },
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab,
      },
    },
    'tokenizer_config.json': {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      do_basic_tokenize: true,
      strip_accents: null,
      tokenize_chinese_chars: true,
      unk_token: '[UNK]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      cls_token: '[CLS]',
      mask_token: '[MASK]',
      model_max_length: maxLength,
      clean_up_tokenization_spaces: true,
    },
    'special_tokens_map.json': {
      unk_token: '[UNK]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      cls_token: '[CLS]',
      mask_token: '[MASK]',
    },
  };
}
