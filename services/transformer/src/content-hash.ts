// Exact-duplicate key: hex xxh64 of the normalized title and text (xxhash-wasm, ~650k hashes/s on 2 KB).
import xxhash from 'xxhash-wasm';

export type ContentHasher = (title: string, text: string) => string;

/** Loads the WASM module once per thread. */
export async function createContentHasher(): Promise<ContentHasher> {
  const { h64ToString } = await xxhash();
  // Lower-cased so "BREAKING: X" and "Breaking: x" from two feeds match.
  return (title, text) => h64ToString(`${title}\n${text}`.toLowerCase());
}
