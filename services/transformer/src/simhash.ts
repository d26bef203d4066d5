// 64-bit SimHash over hashed word 3-shingles (Charikar; Manku et al. use 64 bits and a small Hamming radius).
// Word hashes come from the single-pass scanner (text-scan.ts), so no substring or regex per word. The
// fingerprint is two unsigned 32-bit halves [high, low].
import { fmix32, scanText } from './text-scan.js';

export type Fingerprint = readonly [high: number, low: number];

/** Words used per fingerprint: the start of a text decides what it is; huge pages stay cheap. */
export const SIMHASH_MAX_WORDS = 3000;
export const SHINGLE_SIZE = 3;

/**
 * SimHash from word hashes in text order; [0, 0] when there are none. Bit k is set when more than half of the
 * shingle hashes have it set. The per-bit counts are kept bit-sliced (plane p holds bit p of all 32 counts), so
 * adding one 32-bit hash is a few word operations instead of 32 per-bit updates.
 */
export function simhashFromWordHashes(hashes: ArrayLike<number>, count = hashes.length): Fingerprint {
  if (count === 0) return [0, 0];
  const highPlanes = new Int32Array(32);
  const lowPlanes = new Int32Array(32);
  const shingles = Math.max(1, count - SHINGLE_SIZE + 1);
  for (let i = 0; i < shingles; i++) {
    // Combine up to three word hashes in order; two differently mixed values give the 64 bits.
    let a = 0x9e3779b9;
    let b = 0x7f4a7c15;
    const last = Math.min(i + SHINGLE_SIZE, count);
    for (let j = i; j < last; j++) {
      const w = hashes[j]!;
      a = fmix32((Math.imul(a, 31) + w) | 0);
      b = fmix32((Math.imul(b ^ w, 0x27d4eb2d) + 0x165667b1) | 0);
    }
    // Ripple-carry add of one bit per count into the planes.
    for (let p = 0, carry = a; carry !== 0; p++) {
      const next = highPlanes[p]! & carry;
      highPlanes[p]! ^= carry;
      carry = next;
    }
    for (let p = 0, carry = b; carry !== 0; p++) {
      const next = lowPlanes[p]! & carry;
      lowPlanes[p]! ^= carry;
      carry = next;
    }
  }
  return [majority(highPlanes, shingles), majority(lowPlanes, shingles)];
}

/** The bits whose count (read from the planes) is more than half of `total`, as an unsigned 32-bit value. */
function majority(planes: Int32Array, total: number): number {
  // No count exceeds `total`, so planes above its bit length are empty.
  const used = 32 - Math.clz32(total);
  let out = 0;
  for (let bit = 0; bit < 32; bit++) {
    let ones = 0;
    for (let p = 0; p < used; p++) ones |= ((planes[p]! >>> bit) & 1) << p;
    if (2 * (ones >>> 0) > total) out |= 1 << bit;
  }
  return out >>> 0;
}

/** SimHash of a text (case-insensitive); [0, 0] for a text without words. */
export function simhash(text: string): Fingerprint {
  const hashes = new Uint32Array(Math.min(SIMHASH_MAX_WORDS, text.length));
  let count = 0;
  scanText(text.toLowerCase(), (hash) => (hashes[count++] = hash), SIMHASH_MAX_WORDS);
  return simhashFromWordHashes(hashes, count);
}

function popcount32(input: number): number {
  let v = input - ((input >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hammingDistance(a: Fingerprint, b: Fingerprint): number {
  return popcount32((a[0] ^ b[0]) >>> 0) + popcount32((a[1] ^ b[1]) >>> 0);
}

export function fingerprintToHex(fp: Fingerprint): string {
  return fp[0].toString(16).padStart(8, '0') + fp[1].toString(16).padStart(8, '0');
}

/** Parses 16 hex chars; undefined for anything else. */
export function fingerprintFromHex(hex: string): Fingerprint | undefined {
  if (!/^[0-9a-fA-F]{16}$/.test(hex)) return undefined;
  return [Number.parseInt(hex.slice(0, 8), 16) >>> 0, Number.parseInt(hex.slice(8), 16) >>> 0];
}
