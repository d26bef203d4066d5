import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenCounter } from '../src/normalize-batch.js';
import { estimatingTokenCounter } from '../src/token-count.js';
import { WIRE_STORY, UNRELATED } from './fixtures/near-duplicates.js';

// A word-level tokenizer folder shaped like the built-in embedding model's (NFKC + lowercase, whitespace then
// word/clitic/punctuation split, WordLevel vocabulary).
const folder = mkdtempSync(path.join(tmpdir(), 'sluice-tokenizer-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const vocabulary = [
  '[PAD]',
  '[UNK]',
  ...new Set(
    `${WIRE_STORY} ${UNRELATED.join(' ')}`
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter(Boolean),
  ),
];
writeFileSync(
  path.join(folder, 'tokenizer.json'),
  JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [0, 1].map((id) => ({
      id,
      content: vocabulary[id],
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Lowercase' }] },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'WhitespaceSplit' },
        {
          type: 'Split',
          pattern: { Regex: "\\w+(?=n't)|n't|'\\w+|\\w+|[^\\w\\s]" },
          behavior: 'Isolated',
          invert: false,
        },
      ],
    },
    post_processor: null,
    decoder: null,
    model: { type: 'WordLevel', vocab: Object.fromEntries(vocabulary.map((w, i) => [w, i])), unk_token: '[UNK]' },
  }),
);
writeFileSync(
  path.join(folder, 'tokenizer_config.json'),
  JSON.stringify({
    tokenizer_class: 'PreTrainedTokenizerFast',
    unk_token: '[UNK]',
    pad_token: '[PAD]',
    model_max_length: 384,
  }),
);

describe('token counts for the configured model', () => {
  it('reads the model folder: exact counts, a word-level estimate within 5% of them, and the model max length', async () => {
    const exact = await createTokenCounter({ tokenizerFolder: folder, tokenCount: 'exact' });
    const estimate = await createTokenCounter({ tokenizerFolder: folder, tokenCount: 'estimate' });
    expect(exact.maxLength).toBe(384);
    expect(exact.counter.count('The bank, as expected, held rates.')).toBe(9);
    for (const text of [WIRE_STORY, ...UNRELATED.slice(0, 4)]) {
      const real = exact.counter.count(text);
      expect(Math.abs(estimate.counter.count(text) - real) / real).toBeLessThan(0.05);
    }
  });

  it('falls back to the subword estimate without a tokenizer folder', async () => {
    const missing = await createTokenCounter({ tokenizerFolder: path.join(folder, 'missing'), tokenCount: 'exact' });
    expect(missing.counter).toBe(estimatingTokenCounter);
    expect(missing.maxLength).toBeUndefined();
    expect(estimatingTokenCounter.count('the cat sat')).toBe(3);
    expect(estimatingTokenCounter.count('internationalization!')).toBe(5);
  });
});
