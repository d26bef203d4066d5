// The bit-sliced SimHash against the plain per-bit definition (one signed weight per bit), on random inputs.
import { describe, expect, it } from 'vitest';
import { SHINGLE_SIZE, hammingDistance, simhash, simhashFromWordHashes } from '../src/simhash.js';
import { fmix32 } from '../src/text-scan.js';

/** The textbook SimHash over the same shingle hashes: +1/−1 per bit and shingle, bit set when the sum is > 0. */
function referenceSimhash(hashes: ArrayLike<number>, count = hashes.length): [number, number] {
  if (count === 0) return [0, 0];
  const weights = new Array<number>(64).fill(0);
  const shingles = Math.max(1, count - SHINGLE_SIZE + 1);
  for (let i = 0; i < shingles; i++) {
    let a = 0x9e3779b9;
    let b = 0x7f4a7c15;
    for (let j = i; j < Math.min(i + SHINGLE_SIZE, count); j++) {
      a = fmix32((Math.imul(a, 31) + hashes[j]!) | 0);
      b = fmix32((Math.imul(b ^ hashes[j]!, 0x27d4eb2d) + 0x165667b1) | 0);
    }
    for (let bit = 0; bit < 32; bit++) {
      weights[bit]! += (a >>> bit) & 1 ? 1 : -1;
      weights[bit + 32]! += (b >>> bit) & 1 ? 1 : -1;
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit]! > 0) high |= 1 << bit;
    if (weights[bit + 32]! > 0) low |= 1 << bit;
  }
  return [high >>> 0, low >>> 0];
}

describe('simhash', () => {
  it('equals the per-bit definition for every length, including ties and long texts', () => {
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    const lengths = [0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 16, 17, 31, 32, 33, 64, 100, 255, 256, 257, 1000, 3000, 5000];
    for (const length of lengths) {
      for (let trial = 0; trial < 20; trial++) {
        const hashes = Uint32Array.from({ length }, next);
        expect(simhashFromWordHashes(hashes), `length ${length}`).toEqual(referenceSimhash(hashes));
      }
    }
    // A count below the array's length uses only the first `count` hashes.
    const hashes = Uint32Array.from({ length: 50 }, next);
    expect(simhashFromWordHashes(hashes, 20)).toEqual(referenceSimhash(hashes, 20));
    // Identical shingles: every count equals the total, so exactly the hash's own bits are set.
    const same = new Uint32Array(40).fill(7);
    expect(simhashFromWordHashes(same)).toEqual(referenceSimhash(same));
  });

  it('keeps near-duplicates close and unrelated texts apart', () => {
    const text =
      'The city council approved a new tram line on Tuesday connecting the northern districts with the central station after months of debate about noise and cost.';
    const edited = `UPDATED: ${text.replace('Tuesday', 'Wednesday')}`;
    const other =
      'Quarterly results beat expectations as the chip maker raised its forecast for data centre demand and announced a buyback of its own shares.';
    expect(hammingDistance(simhash(text), simhash(edited))).toBeLessThanOrEqual(12);
    expect(hammingDistance(simhash(text), simhash(other))).toBeGreaterThan(16);
  });
});
