import { describe, expect, it } from 'vitest';
import { NoveltyWindow } from '../src/novelty-window.js';
import { maxSimilarity, similarityMatrix, toMatrix, unitVector } from '../src/vectors.js';

function random(dimensions: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: dimensions }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

describe('vectors', () => {
  it('normalizes to unit length and rejects empty or zero vectors', () => {
    const u = unitVector([3, 4])!;
    expect(Array.from(u)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(unitVector([])).toBeUndefined();
    expect(unitVector([0, 0])).toBeUndefined();
    expect(unitVector([Number.NaN, 1])).toBeUndefined();
  });

  it('computes all items × profiles cosines in one matrix product', () => {
    const d = 37;
    const items = Array.from({ length: 150 }, (_, i) => unitVector(random(d, i + 1))!);
    const profiles = Array.from({ length: 70 }, (_, i) => unitVector(random(d, 1000 + i))!);
    const sims = similarityMatrix(toMatrix(items, d), toMatrix(profiles, d));
    expect(sims).toHaveLength(150 * 70);
    for (const [i, j] of [
      [0, 0],
      [149, 69],
      [77, 64],
      [3, 65],
    ] as const) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += items[i]![k]! * profiles[j]![k]!;
      expect(sims[i * 70 + j]).toBeCloseTo(dot, 5);
    }
    expect(() => similarityMatrix(toMatrix(items, d), toMatrix([unitVector([1, 2])!], 2))).toThrow(/dimension/);
  });
});

describe('novelty window', () => {
  it('finds the nearest earlier item, in the window and earlier in the batch, and forgets the oldest', () => {
    const window = new NoveltyWindow(3);
    const a = unitVector([1, 0, 0])!;
    const b = unitVector([0, 1, 0])!;
    const near = unitVector([1, 0.1, 0])!;
    const first = window.nearestThenAdd(toMatrix([a, b, near], 3));
    expect(first[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(first[1]).toBeCloseTo(0, 6);
    expect(first[2]).toBeGreaterThan(0.99);
    const second = window.nearestThenAdd(toMatrix([unitVector([0, 0, 1])!], 3));
    expect(second[0]).toBeCloseTo(0, 6);
    // The window holds 3: a was evicted by the last add.
    expect(window.size).toBe(3);
    const third = window.nearestThenAdd(toMatrix([a], 3));
    expect(third[0]).toBeGreaterThan(0.99); // `near` is still there
  });

  it('starts over when the embedding size changes, and does nothing with capacity 0', () => {
    const window = new NoveltyWindow(10);
    window.nearestThenAdd(toMatrix([unitVector([1, 0])!], 2));
    expect(window.nearestThenAdd(toMatrix([unitVector([1, 0, 0])!], 3))[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(new NoveltyWindow(0).nearestThenAdd(toMatrix([unitVector([1, 0])!], 2))[0]).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('maxSimilarity', () => {
  it('equals the row maxima of the full similarity matrix', () => {
    const d = 23;
    const a = toMatrix(
      Array.from({ length: 13 }, (_, i) => unitVector(random(d, 500 + i))!),
      d,
    );
    const b = toMatrix(
      Array.from({ length: 41 }, (_, i) => unitVector(random(d, 900 + i))!),
      d,
    );
    const full = similarityMatrix(a, b);
    const best = maxSimilarity(a, b);
    for (let i = 0; i < a.rows; i++)
      expect(best[i]).toBeCloseTo(Math.max(...full.subarray(i * b.rows, (i + 1) * b.rows)), 5);
    expect(maxSimilarity(a, toMatrix([], d))[0]).toBe(Number.NEGATIVE_INFINITY);
  });
});
