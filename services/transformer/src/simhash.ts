// 64-bit SimHash over hashed word 3-shingles (Charikar; Manku et al. use 64 bits and a small Hamming radius).
// Word hashes are a pure-JS 32-bit FNV-1a + murmur3 finalizer: no WASM call per shingle, which matters at
// hundreds of shingles per item. The fingerprint is two unsigned 32-bit halves [high, low].
import { words } from './words.js';

export type Fingerprint = readonly [high: number, low: number];

function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

function fmix(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Words used per fingerprint: the start of a text decides what it is; huge pages stay cheap. */
export const SIMHASH_MAX_WORDS = 3000;
export const SHINGLE_SIZE = 3;

/** SimHash of a text; [0, 0] for a text without words. */
export function simhash(text: string): Fingerprint {
  const hashes = words(text, SIMHASH_MAX_WORDS).map(hashWord);
  if (hashes.length === 0) return [0, 0];
  const weights = new Int32Array(64);
  const count = Math.max(1, hashes.length - SHINGLE_SIZE + 1);
  for (let i = 0; i < count; i++) {
    // Combine up to three word hashes in order; two differently mixed values give the 64 bits.
    let a = 0x9e3779b9;
    let b = 0x7f4a7c15;
    for (let j = i; j < Math.min(i + SHINGLE_SIZE, hashes.length); j++) {
      const w = hashes[j]!;
      a = fmix((Math.imul(a, 31) + w) | 0);
      b = fmix((Math.imul(b ^ w, 0x27d4eb2d) + 0x165667b1) | 0);
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
