// One pass over a text that yields everything counted or hashed per word: word count, characters of
// unspaced scripts, an estimated token count, and the 32-bit word hashes for SimHash. A hand-written
// scanner with a per-code-unit class table: the equivalent Unicode-property regex plus separate passes
// cost about 3× more CPU, and this runs for every item.
//
// Words: runs of letters, digits, marks, "_" and inner apostrophes; every character of an unspaced script
// (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) is a word of its own. Case-insensitive hashes.

const SEPARATOR = 0;
const WORD = 1;
const UNSPACED = 2;
const PUNCTUATION = 3;

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const UNSPACED_CHAR =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const PUNCTUATION_CHAR = /[\p{P}\p{S}]/u;

function classify(char: string): number {
  if (UNSPACED_CHAR.test(char)) return UNSPACED;
  if (WORD_CHAR.test(char)) return WORD;
  if (PUNCTUATION_CHAR.test(char)) return PUNCTUATION;
  return SEPARATOR;
}

// Classes of the Basic Multilingual Plane, filled lazily (255 = not computed yet).
const BMP = new Uint8Array(65536).fill(255);
const ASTRAL = new Map<number, number>();

function classOf(code: number): number {
  const cached = BMP[code]!;
  if (cached !== 255) return cached;
  const value = classify(String.fromCharCode(code));
  BMP[code] = value;
  return value;
}

function astralClass(codePoint: number): number {
  let value = ASTRAL.get(codePoint);
  if (value === undefined) {
    value = classify(String.fromCodePoint(codePoint));
    if (ASTRAL.size < 10_000) ASTRAL.set(codePoint, value);
  }
  return value;
}

export function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface ScanResult {
  words: number;
  unspacedChars: number;
  /** Punctuation and symbol characters (each is a token for word-level and subword tokenizers alike). */
  punctuation: number;
  /** WordPiece/BPE-like estimate: 1 per word of ≤ 6 characters, +1 per further 6, +1 per punctuation mark. */
  tokens: number;
}

const APOSTROPHES = new Set([0x27, 0x2019]);

/**
 * Scans `text` (already lower-cased if hashes are wanted case-insensitively). `onWord` receives each word's
 * 32-bit hash, in order; at most `maxHashes` are reported.
 */
export function scanText(
  text: string,
  onWord?: (hash: number) => void,
  maxHashes = Number.POSITIVE_INFINITY,
): ScanResult {
  let words = 0;
  let unspaced = 0;
  let tokens = 0;
  let punctuation = 0;
  let inWord = false;
  let hash = 0;
  let length = 0;
  let reported = 0;
  const end = (): void => {
    words += 1;
    tokens += length <= 6 ? 1 : Math.ceil(length / 6);
    if (onWord && reported < maxHashes) {
      onWord(fmix32(hash));
      reported += 1;
    }
    inWord = false;
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    let cls: number;
    if (code < 128) {
      cls =
        (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === 95
          ? WORD
          : code <= 32
            ? SEPARATOR
            : PUNCTUATION;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const cp = text.codePointAt(i)!;
      cls = astralClass(cp);
      code = cp;
      i += 1;
    } else cls = classOf(code);
    // An apostrophe between two word characters belongs to the word (it's, don’t).
    if (
      cls === PUNCTUATION &&
      inWord &&
      APOSTROPHES.has(code) &&
      i + 1 < text.length &&
      classOf(text.charCodeAt(i + 1)) === WORD
    )
      cls = WORD;
    if (cls === WORD) {
      if (!inWord) {
        inWord = true;
        hash = 0x811c9dc5;
        length = 0;
      }
      hash = Math.imul(hash ^ code, 0x01000193);
      length += 1;
      continue;
    }
    if (inWord) end();
    if (cls === UNSPACED) {
      hash = Math.imul(0x811c9dc5 ^ code, 0x01000193);
      length = 1;
      unspaced += 1;
      end();
    } else if (cls === PUNCTUATION) {
      tokens += 1;
      punctuation += 1;
    }
  }
  if (inWord) end();
  return { words, unspacedChars: unspaced, punctuation, tokens };
}
