// 64-bit SimHash over hashed word 3-shingles (Charikar; Manku et al. use 64 bits and a small Hamming radius).
// Word hashes come from the single-pass scanner (text-scan.ts), so no substring or regex per word. The
// fingerprint is two unsigned 32-bit halves [high, low].
import { fmix32, scanText } from './text-scan.js';

export type Fingerprint = readonly [high: number, low: number];

/** Words used per fingerprint: the start of a text decides what it is; huge pages stay cheap. */
export const SIMHASH_MAX_WORDS = 3000;
export const SHINGLE_SIZE = 3;

/** SimHash from word hashes in text order; [0, 0] when there are none. */
export function simhashFromWordHashes(hashes: ArrayLike<number>, count = hashes.length): Fingerprint {
  if (count === 0) return [0, 0];
  const weights = new Int32Array(64);
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
    for (let bit = 0; bit < 32; bit++) {
      weights[bit]! += (((a >>> bit) & 1) << 1) - 1;
      weights[bit + 32]! += (((b >>> bit) & 1) << 1) - 1;
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
