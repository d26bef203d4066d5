import type { ItemBatch__Output, PipelineItem__Output } from '@sluice/protocol';
import { describe, expect, it } from 'vitest';
import { NoveltyWindow } from '../src/novelty-window.js';
import { createProfileSet } from '../src/profile-set.js';
import { localSimilarity, scoreBatch, type ScoreDeps } from '../src/score-batch.js';
import { scorerSettingsSchema } from '../src/settings.js';

const NOW = 1_800_000_000_000;
const settings = scorerSettingsSchema.parse({
  profiles: [
    { name: 'tech', description: 'software' },
    { name: 'science', description: 'research', weight: 0.5 },
  ],
});
const profiles = createProfileSet('test-model', settings.profiles, [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
]);

function deps(overrides: Partial<ScoreDeps> = {}): ScoreDeps {
  return {
    settings,
    profiles: () => profiles,
    novelty: new NoveltyWindow(100),
    similarity: localSimilarity,
    now: () => NOW,
    ...overrides,
  };
}

function item(id: string, parts: Partial<PipelineItem__Output> & { vector?: number[] } = {}): PipelineItem__Output {
  const { vector, ...rest } = parts;
  return {
    raw: {
      id,
      source_id: 's',
      published_at_ms: NOW - 3_600_000,
      source_weight: 0.8,
      priority: 5,
      engagement: { points: 50, comments: 10 },
    } as never,
    normalized: { title: id, duplicate_of: '', duplicate_kind: '' } as never,
    classifications: [
      {
        model: 'm',
        task: 'sentiment',
        labels: [
          { name: 'positive', score: 0.7 },
          { name: 'neutral', score: 0.2 },
          { name: 'negative', score: 0.1 },
        ],
      },
      { model: 'm', task: 'topics', labels: [{ name: 'tech', score: 0.9 }] },
      {
        model: 'm',
        task: 'spam',
        labels: [
          { name: 'ham', score: 0.95 },
          { name: 'spam', score: 0.05 },
        ],
      },
    ],
    embedding: vector ? { model: 'test-model', values: vector } : null,
    score: null,
    inference_timing: null,
    ...rest,
  } as PipelineItem__Output;
}

const batch = (items: PipelineItem__Output[]): ItemBatch__Output => ({
  batch_id: 'b',
  items,
  dead_letters: [],
  deadline_unix_ms: 0,
});
const component = (
  i: { score?: { components?: Array<{ name?: string; value?: number | string; detail?: string }> } | null },
  name: string,
) => i.score!.components!.find((c) => c.name === name)!;

describe('scoreBatch', () => {
  it('scores every item with all components, ranks the relevant one higher and sets the priority', async () => {
    const out = await scoreBatch(
      batch([item('on-topic', { vector: [0.9, 0.1, 0.1, 0] }), item('off-topic', { vector: [0, 0, 0.2, 1] })]),
      deps(),
    );
    expect(out.items).toHaveLength(2);
    const [on, off] = out.items as unknown as Array<{
      raw: { priority: number };
      score: { value: number; formula_version: string; components: Array<{ name: string; value: number }> };
    }>;
    expect(component(on!, 'relevance').detail).toMatch(/^profile tech/);
    expect(Number(component(on!, 'relevance').value)).toBeGreaterThan(0.9);
    expect(Number(component(off!, 'relevance').value)).toBe(0);
    expect(Number(on!.score.value)).toBeGreaterThan(Number(off!.score.value));
    expect(on!.score.formula_version).toBe('sluice-score-v1');
    expect(on!.score.components.map((c) => c.name)).toEqual([
      'relevance',
      'freshness',
      'authority',
      'novelty',
      'engagement',
      'sentiment',
      'spam',
    ]);
    for (const c of on!.score.components) expect(Number(c.value)).toBeGreaterThanOrEqual(0);
    expect(on!.raw.priority).toBeGreaterThan(off!.raw.priority);
  });

  it('degrades cleanly: no embedding, no classifications, no dates still give a score with reasons', async () => {
    const bare = {
      raw: { id: 'bare', source_id: 's' },
      normalized: null,
      classifications: [],
      embedding: null,
      score: null,
      inference_timing: null,
    } as unknown as PipelineItem__Output;
    const out = await scoreBatch(batch([bare, item('topic-only')]), deps());
    const [b, t] = out.items!;
    expect(Number(b!.score!.value)).toBeGreaterThanOrEqual(0);
    expect(component(b!, 'relevance')).toMatchObject({ value: 0, detail: 'no embedding and no matching topic' });
    expect(component(b!, 'novelty')).toMatchObject({ value: 0, detail: 'no embedding' });
    expect(component(b!, 'sentiment')).toMatchObject({ value: 0, detail: 'no sentiment classification' });
    expect(component(b!, 'engagement')).toMatchObject({ value: 0 });
    expect(component(b!, 'freshness')).toMatchObject({ value: 0 });
    // Without an embedding, the topics classifier still says it is about a profile.
    expect(component(t!, 'relevance').detail).toContain('topic tech');
  });

  it('reports profiles that are not embedded yet, and mismatched embedding sizes', async () => {
    const notYet = await scoreBatch(
      batch([item('x', { vector: [1, 0, 0, 0], classifications: [] })]),
      deps({ profiles: () => undefined }),
    );
    expect(component(notYet.items![0]!, 'relevance')).toMatchObject({
      value: 0,
      detail: 'interest profiles not embedded yet',
    });
    const mismatch = await scoreBatch(batch([item('y', { vector: [1, 0, 0], classifications: [] })]), deps());
    expect(component(mismatch.items![0]!, 'relevance').detail).toContain('3 dimensions');
    const otherModel = await scoreBatch(
      batch([
        item('z', {
          vector: [1, 0, 0, 0],
          classifications: [],
          embedding: { model: 'other-model', values: [1, 0, 0, 0] } as never,
        }),
      ]),
      deps(),
    );
    expect(component(otherModel.items![0]!, 'relevance')).toMatchObject({
      value: 0,
      detail: "embedding model other-model differs from the profiles' test-model",
    });
  });

  it('gives near-zero novelty to a repeat and zero to a linked duplicate', async () => {
    const d = deps();
    await scoreBatch(batch([item('first', { vector: [0.5, 0.5, 0.5, 0.5] })]), d);
    const out = await scoreBatch(
      batch([
        item('again', { vector: [0.5, 0.5, 0.5, 0.49] }),
        item('dup', { vector: [0, 0, 0, 1], normalized: { duplicate_of: 'first', duplicate_kind: 'near' } as never }),
        item('new', { vector: [1, -1, 0, 0] }),
      ]),
      d,
    );
    const [again, dup, fresh] = out.items!;
    expect(Number(component(again!, 'novelty').value)).toBeLessThan(0.01);
    expect(component(dup!, 'novelty')).toMatchObject({ value: 0, detail: 'near duplicate of first' });
    expect(Number(component(fresh!, 'novelty').value)).toBeGreaterThan(0.9);
  });

  it('sinks spam and dead-letters items without an id, keeping incoming dead letters', async () => {
    const spam = item('spam', {
      vector: [1, 0, 0, 0],
      classifications: [{ model: 'm', task: 'spam', labels: [{ name: 'spam', score: 0.99 }] }],
    });
    const ham = item('ham', {
      vector: [1, 0, 0, 0.01],
      classifications: [{ model: 'm', task: 'spam', labels: [{ name: 'spam', score: 0.01 }] }],
    });
    const noId = { raw: { id: '', source_id: 'src' } } as unknown as PipelineItem__Output;
    const incoming = {
      item_id: 'old',
      source_id: 's',
      stage: 'inference',
      reason: 'model_error',
      detail: '',
      payload_json: '{}',
    };
    const out = await scoreBatch(
      { batch_id: 'b', items: [spam, ham, noId], dead_letters: [incoming], deadline_unix_ms: 0 },
      deps(),
    );
    expect(Number(out.items![0]!.score!.value)).toBeLessThan(Number(out.items![1]!.score!.value) / 2);
    expect(out.dead_letters).toHaveLength(2);
    expect(out.dead_letters![1]).toMatchObject({ stage: 'scorer', reason: 'invalid_item', source_id: 'src' });
  });
});
