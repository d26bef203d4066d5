// The built-in models through the real path: tokenizer.json → tokenizer thread → ONNX Runtime thread.
import { spamCorpus } from '@sluice/models';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger, repoRoot } from '@sluice/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceCore, type ClassifyOutcome } from '../src/inference-core.js';
import { inferenceSettingsSchema } from '../src/settings.js';
import { NEWS_CLASSES, TOPICS_OF_CLASS, newsItems, type NewsClass } from './news-topics.js';
import { REVIEW_SOURCES, reviewSentences } from './review-sentences.js';

let core: InferenceCore;

beforeAll(async () => {
  core = new InferenceCore({
    settings: inferenceSettingsSchema.parse({}),
    repoRoot,
    logger: createLogger('test', 'silent'),
  });
  await core.start();
});
afterAll(() => core?.close());

async function embed(texts: string[]): Promise<Float32Array[]> {
  const { outcomes } = await core.embed(
    '',
    texts.map((text) => ({ text })),
  );
  return outcomes.map((o) => {
    if ('error' in o) throw o.error;
    return o.values;
  });
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

function top(outcome: ClassifyOutcome | undefined): string {
  if (!outcome || 'error' in outcome) throw new Error('classification failed');
  return outcome.labels[0]!.name;
}

describe('built-in models', () => {
  it('embeds related sentences closer than unrelated ones, normalized', async () => {
    const [market, stocks, football, frog, phone, phone2] = await embed([
      'The stock market fell sharply as investors worried about inflation.',
      'Shares dropped on Wall Street amid fears of rising prices.',
      'The football team won the championship after a dramatic final.',
      'A new species of frog was discovered in the rainforest.',
      'Apple released a new smartphone with a faster processor.',
      'The latest mobile phone has a better chip and camera.',
    ]);
    expect(market!.length).toBe(100);
    expect(cosine(market!, market!)).toBeCloseTo(1, 4);
    expect(cosine(market!, stocks!)).toBeGreaterThan(cosine(market!, football!) + 0.3);
    expect(cosine(market!, stocks!)).toBeGreaterThan(cosine(market!, frog!) + 0.3);
    expect(cosine(phone!, phone2!)).toBeGreaterThan(cosine(phone!, football!) + 0.2);
    expect(cosine(phone!, phone2!)).toBeGreaterThan(cosine(phone!, frog!) + 0.2);
  });

  it('gets sentiment right on clear, negated and neutral sentences', async () => {
    const cases: Array<[string, string]> = [
      ['This is a great movie, I love it.', 'positive'],
      ['What a wonderful, excellent day.', 'positive'],
      ['This product is terrible and awful.', 'negative'],
      ['I hate waiting, the service was horrible.', 'negative'],
      ['This is not good at all.', 'negative'],
      ["I don't like this product.", 'negative'],
      ['The food was never good.', 'negative'],
      ['Honestly, not bad.', 'positive'],
      ['The meeting is scheduled for Tuesday at noon.', 'neutral'],
    ];
    const results = await core.classify(
      ['sluice-sentiment-afinn'],
      cases.map(([text]) => ({ text })),
    );
    expect(results.map((r) => top(r[0]))).toEqual(cases.map(([, label]) => label));
    const first = results[0]![0]!;
    if ('error' in first) throw first.error;
    expect(first.task).toBe('sentiment');
    expect(first.labels.map((l) => l.name).sort()).toEqual(['negative', 'neutral', 'positive']);
    expect(first.labels[0]!.score).toBeGreaterThanOrEqual(first.labels[1]!.score);
  });

  it('tells positive from negative on held-out labelled review sentences (≥ 78% mean binary accuracy)', async () => {
    const heldOut = reviewSentences().filter((d) => d.split === 'test');
    expect(heldOut.length).toBeGreaterThan(2000);
    const results = await core.classify(
      ['sluice-sentiment-afinn'],
      heldOut.map((d) => ({ text: d.text })),
    );
    const accuracy: number[] = [];
    let neutral = 0;
    for (const source of REVIEW_SOURCES) {
      let right = 0;
      let n = 0;
      heldOut.forEach((d, i) => {
        if (d.source !== source) return;
        const outcome = results[i]![0]!;
        if ('error' in outcome) throw outcome.error;
        const score = Object.fromEntries(outcome.labels.map((l) => [l.name, l.score]));
        // Binary: the positive score against the negative one; a tie counts as wrong.
        if (d.positive ? score.positive! > score.negative! : score.negative! > score.positive!) right += 1;
        if (outcome.labels[0]!.name === 'neutral') neutral += 1;
        n += 1;
      });
      accuracy.push(right / n);
    }
    const mean = accuracy.reduce((a, b) => a + b, 0) / accuracy.length;
    console.log(
      `sentiment held-out binary accuracy: ${REVIEW_SOURCES.map((s, i) => `${s} ${accuracy[i]!.toFixed(3)}`).join(', ')}; mean ${mean.toFixed(3)}; neutral top label ${(neutral / heldOut.length).toFixed(3)}`,
    );
    expect(mean).toBeGreaterThanOrEqual(0.78);
    for (const a of accuracy) expect(a).toBeGreaterThan(0.74);
    // Neutral tops only where the lexicon finds nothing or its evidence cancels out.
    expect(neutral / heldOut.length).toBeLessThan(0.25);
  });

  it('assigns zero-shot topics', async () => {
    const cases: Array<[string, string]> = [
      ['The senate passed the bill after a long debate among lawmakers.', 'politics'],
      ['Doctors warn about the flu season as hospitals fill up with patients.', 'health'],
      ['The striker scored twice as the team won the league title.', 'sports'],
      ['Quarterly earnings beat expectations and the shares rose.', 'business'],
      ['Carbon emissions rose again, worsening climate change.', 'environment'],
      ['Students return to school as teachers demand smaller classrooms.', 'education'],
      ['The new film premiere drew celebrities to Hollywood.', 'entertainment'],
      ['Engineers released an update to the software that fixes security bugs in the browser.', 'technology'],
    ];
    const results = await core.classify(
      ['sluice-topics'],
      cases.map(([text]) => ({ text })),
    );
    expect(results.map((r) => top(r[0]))).toEqual(cases.map(([, label]) => label));
  });

  it('puts held-out news items in the right one of four classes (≥ 82% accuracy)', async () => {
    const heldOut = newsItems().filter((d) => d.split === 'test');
    expect(heldOut.length).toBeGreaterThan(90);
    const results = await core.classify(
      ['sluice-topics'],
      heldOut.map((d) => ({ text: d.text })),
    );
    const classOfTopic = new Map(
      NEWS_CLASSES.flatMap((c) => TOPICS_OF_CLASS[c].map((topic) => [topic, c] as [string, NewsClass])),
    );
    const perClass = new Map(NEWS_CLASSES.map((c) => [c, { right: 0, n: 0 }]));
    let right = 0;
    let anyTopicRight = 0;
    heldOut.forEach((d, i) => {
      const outcome = results[i]![0]!;
      if ('error' in outcome) throw outcome.error;
      // Restricted to the four classes: the best-scoring topic that stands for one of them.
      const best = outcome.labels.find((l) => classOfTopic.has(l.name))!;
      const cell = perClass.get(d.label)!;
      cell.n += 1;
      if (classOfTopic.get(best.name) === d.label) {
        right += 1;
        cell.right += 1;
      }
      if (classOfTopic.get(outcome.labels[0]!.name) === d.label) anyTopicRight += 1;
    });
    const accuracy = right / heldOut.length;
    console.log(
      `topics held-out 4-class accuracy ${accuracy.toFixed(3)} (${[...perClass].map(([c, x]) => `${c} ${x.right}/${x.n}`).join(', ')}); over all ten topics ${(anyTopicRight / heldOut.length).toFixed(3)}`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.82);
    for (const [, x] of perClass) expect(x.right / x.n).toBeGreaterThan(0.7);
  });

  it('separates spam from ham on held-out SpamAssassin messages as well as the build measured', async () => {
    const heldOut = spamCorpus().filter((d) => d.test);
    const sample = heldOut.filter((_, i) => i % 4 === 0);
    const results = await core.classify(
      ['sluice-spam'],
      sample.map((d) => ({ text: d.text })),
    );
    const correct = results.filter((r, i) => top(r[0]) === (sample[i]!.label === 1 ? 'spam' : 'ham')).length;
    const accuracy = correct / sample.length;
    const built = JSON.parse(
      readFileSync(path.join(repoRoot, '.models', 'sluice-spam', 'sluice.json'), 'utf8'),
    ).quality;
    expect(sample.length).toBeGreaterThan(250);
    expect(accuracy).toBeGreaterThan(0.95);
    // The ONNX graph computes what the trainer measured (same split, a quarter of it).
    expect(Math.abs(accuracy - built.accuracy)).toBeLessThan(0.03);
  });
});
