// The built-in word-level tokenizer.json: the single inverted Split must give exactly the tokens of the
// two-step form it replaced (WhitespaceSplit, then an isolating Split per word), in tokenizers.js (what the
// service runs) and in the Rust tokenizers library (the reference implementation, via its Node bindings).
import { Tokenizer as RustTokenizer } from '@anush008/tokenizers';
import { Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import {
  PAD_TOKEN,
  UNK_TOKEN,
  WORD_PATTERN,
  wordLevelTokenizer,
  wordLevelTokenizerConfig,
} from '../src/tokenizer-json.js';
import { readWordVectors } from '../src/word-vectors.js';

const TEXTS = [
  "Don't stop: it's fine, isn't it? We won't (and can't) — they'd say “no”.",
  'Naïve café résumé ﬁne; ＦＵＬＬ-width ｔｅｘｔ and ligatures ﬂow.',
  'tabs\tand\nnewlines\r\n  and   runs of spaces ',
  'U.S. GDP grew 3.5% in Q2 2024 ($21.5 trillion) — e-mail me@example.com #news @user',
  '日本語のテキスト и русский текст, العربية 😀 emoji!!! ...',
  "rock'n'roll o'clock 'quoted' students' books n't 'tis",
  '',
  '   ',
  '[UNK] [PAD] literal special tokens',
];

function legacyForm(json: Record<string, unknown>): Record<string, unknown> {
  return {
    ...json,
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'WhitespaceSplit' },
        { type: 'Split', pattern: { Regex: WORD_PATTERN }, behavior: 'Isolated', invert: false },
      ],
    },
  };
}

describe('word-level tokenizer.json', () => {
  it('tokenizes like WhitespaceSplit + isolating Split, in tokenizers.js and in the Rust library', async () => {
    const { words } = await readWordVectors(20_000);
    const json = wordLevelTokenizer([PAD_TOKEN, UNK_TOKEN, ...words, "n't", "'s"]);
    const config = wordLevelTokenizerConfig(512);
    const js = new Tokenizer(json, config);
    const jsLegacy = new Tokenizer(legacyForm(json), config);
    const rust = RustTokenizer.fromString(JSON.stringify(json));
    const rustLegacy = RustTokenizer.fromString(JSON.stringify(legacyForm(json)));
    // Extra texts from the vocabulary itself, so every kind of word in it is covered.
    const texts = [
      ...TEXTS,
      ...Array.from({ length: 200 }, (_, i) => words.slice(i * 97, i * 97 + 40).join(i % 2 ? ' ' : ', ')),
    ];
    for (const text of texts) {
      const expected = jsLegacy.encode(text).ids;
      expect(js.encode(text).ids, text).toEqual(expected);
      expect((await rust.encode(text)).getIds(), text).toEqual(expected);
      expect((await rustLegacy.encode(text)).getIds(), text).toEqual(expected);
    }
    // The split itself: contractions, clitics and punctuation become their own tokens.
    expect(js.encode("Don't stop, it's fine.").tokens).toEqual(['do', "n't", 'stop', ',', 'it', "'s", 'fine', '.']);
    expect(js.encode('  \t\n ').ids).toEqual([]);
  });
});
