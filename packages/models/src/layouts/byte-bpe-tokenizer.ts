// A RoBERTa tokenizer in the files an Optimum export ships: tokenizer.json (byte-level BPE, RobertaProcessing
// adding <s> … </s>), tokenizer_config.json and special_tokens_map.json. The merges are learned here from a
// small corpus by plain BPE training (most frequent adjacent pair first, ties by the pair's text), so the
// files are deterministic. Used for test models in real layouts.

export const ROBERTA_SPECIAL_TOKENS = ['<s>', '<pad>', '</s>', '<unk>'] as const;

/** GPT-2's byte → printable character table (bytes_to_unicode). */
export function byteToUnicode(): string[] {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const table: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) table[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + extra++);
  return table;
}

/** Words as byte-level symbol sequences: a leading space becomes "Ġ" (as GPT-2's pre-tokenizer does). */
function corpusWords(corpus: string): string[][] {
  const table = byteToUnicode();
  const words = corpus.match(/ ?[a-zA-Z]+| ?[0-9]+| ?[^\s\w]+/g) ?? [];
  return words.map((w) => [...new TextEncoder().encode(w)].map((b) => table[b]!));
}

/** Learns `count` merges from a corpus. */
export function learnMerges(corpus: string, count: number): Array<[string, string]> {
  let words = corpusWords(corpus);
  const merges: Array<[string, string]> = [];
  while (merges.length < count) {
    const pairs = new Map<string, number>();
    for (const w of words)
      for (let i = 0; i + 1 < w.length; i++)
        pairs.set(`${w[i]} ${w[i + 1]}`, (pairs.get(`${w[i]} ${w[i + 1]}`) ?? 0) + 1);
    let best: string | undefined;
    for (const [pair, n] of pairs)
      if (best === undefined || n > pairs.get(best)! || (n === pairs.get(best)! && pair < best)) best = pair;
    if (best === undefined || pairs.get(best)! < 2) break;
    const [a, b] = best.split(' ') as [string, string];
    merges.push([a, b]);
    words = words.map((w) => {
      const out: string[] = [];
      for (let i = 0; i < w.length; i++) {
        if (i + 1 < w.length && w[i] === a && w[i + 1] === b) {
          out.push(a + b);
          i++;
        } else out.push(w[i]!);
      }
      return out;
    });
  }
  return merges;
}

export function byteBpeVocabulary(merges: ReadonlyArray<readonly [string, string]>): string[] {
  const out = [...ROBERTA_SPECIAL_TOKENS, ...byteToUnicode()];
  const seen = new Set(out);
  for (const [a, b] of merges) {
    if (!seen.has(a + b)) {
      seen.add(a + b);
      out.push(a + b);
    }
  }
  out.push('<mask>');
  return out;
}

const special = (id: number, content: string, lstrip = false) => ({
  id,
  content,
  single_word: false,
  lstrip,
  rstrip: false,
  normalized: false,
  special: true,
});

export function byteBpeTokenizerFiles(
  merges: ReadonlyArray<readonly [string, string]>,
  maxLength: number,
): Record<string, unknown> {
  const vocabulary = byteBpeVocabulary(merges);
  const vocab: Record<string, number> = Object.fromEntries(vocabulary.map((token, id) => [token, id]));
  return {
    'tokenizer.json': {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [
        ...ROBERTA_SPECIAL_TOKENS.map((t) => special(vocab[t]!, t)),
        special(vocab['<mask>']!, '<mask>', true),
      ],
      normalizer: null,
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      post_processor: {
        type: 'RobertaProcessing',
        sep: ['</s>', vocab['</s>']],
        cls: ['<s>', vocab['<s>']],
        trim_offsets: true,
        add_prefix_space: false,
      },
      decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
      model: {
        type: 'BPE',
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: '',
        end_of_word_suffix: '',
        fuse_unk: false,
        byte_fallback: false,
        vocab,
        merges: merges.map(([a, b]) => `${a} ${b}`),
      },
    },
    'tokenizer_config.json': {
      tokenizer_class: 'RobertaTokenizer',
      add_prefix_space: false,
      bos_token: '<s>',
      eos_token: '</s>',
      sep_token: '</s>',
      cls_token: '<s>',
      unk_token: '<unk>',
      pad_token: '<pad>',
      mask_token: '<mask>',
      model_max_length: maxLength,
      errors: 'replace',
    },
    'special_tokens_map.json': {
      bos_token: '<s>',
      eos_token: '</s>',
      sep_token: '</s>',
      cls_token: '<s>',
      unk_token: '<unk>',
      pad_token: '<pad>',
      mask_token: '<mask>',
    },
  };
}
