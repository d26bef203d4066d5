// What the models read for an item (whole, or chunk by chunk with the title in front) and how chunk outputs pool.
import type { PipelineItem__Output } from '@sluice/protocol';
import { describe, expect, it } from 'vitest';
import { itemReading, poolLabels, poolVectors } from '../src/chunk-pooling.js';

function item(normalized: Partial<PipelineItem__Output['normalized']> & object): PipelineItem__Output {
  return { raw: { title: 'raw title', summary: 's', content: 'c' }, normalized } as unknown as PipelineItem__Output;
}

describe('itemReading', () => {
  it('reads a short item whole and a long one chunk by chunk, each with the title in front', () => {
    expect(itemReading(item({ title: 'T', text: 'body', chunks: [] }))).toEqual({
      texts: ['T\nbody'],
      weights: [1],
      chunked: false,
    });
    const long = item({
      title: 'T',
      text: 'a\nb',
      chunks: [
        { index: 0, text: 'a', token_count: 300 },
        { index: 1, text: 'b', token_count: 100 },
      ],
    });
    expect(itemReading(long)).toEqual({ texts: ['T\na', 'T\nb'], weights: [300, 100], chunked: true });
    expect(itemReading(item({ title: '', text: '', chunks: [] })).texts).toEqual(['raw title\ns']);
  });
});

describe('pooling', () => {
  it('averages vectors by weight and normalizes when the model does', () => {
    const a = Float32Array.from([1, 0]);
    const b = Float32Array.from([0, 1]);
    expect(Array.from(poolVectors([a, b], [3, 1], false))).toEqual([0.75, 0.25]);
    const unit = poolVectors([a, b], [1, 1], true);
    expect(unit[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(unit[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(poolVectors([a], [5], true)).toBe(a);
  });

  it('averages label scores by weight, highest first', () => {
    const pooled = poolLabels(
      [
        [
          { name: 'sports', score: 0.9 },
          { name: 'politics', score: 0.1 },
        ],
        [
          { name: 'politics', score: 0.8 },
          { name: 'sports', score: 0.2 },
        ],
      ],
      [1, 3],
    );
    expect(pooled.map((l) => l.name)).toEqual(['politics', 'sports']);
    expect(pooled[0]!.score).toBeCloseTo(0.625, 9);
    expect(pooled[1]!.score).toBeCloseTo(0.375, 9);
  });
});
