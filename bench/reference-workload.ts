// A fixed CPU workload that the gate measures side by side with a stage, in the same process, in alternating
// slices: a stage's CPU time per item divided by this workload's CPU time per unit does not depend on how
// fast (or how busy) the machine is, only on the stage's code. It does what the pipeline's stages do in plain
// JavaScript (build and scan strings, regular expressions, a word-count map, hashing, a float dot product), so
// a slower or more contended CPU slows both sides alike. It must never change: the baseline depends on it.

const WORDS = [
  'river',
  'market',
  'model',
  'energy',
  'policy',
  'science',
  'match',
  'league',
  'chip',
  'vote',
  'climate',
  'launch',
  'data',
  'city',
  'union',
  'state',
];
const TAGS = /<[^>]+>/g;
const SPACE = /\s+/;

/** Runs `units` units of work (about 12 µs each on this machine); returns a checksum so nothing is optimized away. */
export function referenceWork(units: number): number {
  let checksum = 0;
  const vector = new Float64Array(100);
  for (let u = 0; u < units; u++) {
    const parts: string[] = [];
    for (let w = 0; w < 60; w++)
      parts.push(w % 12 === 0 ? `<p class="x${w}">` : WORDS[(u * 7 + w * 3) % WORDS.length]!);
    const text = parts.join(' ').replace(TAGS, ' ').toLowerCase();
    const counts = new Map<string, number>();
    for (const word of text.split(SPACE)) if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
    for (let k = 0; k < vector.length; k++) vector[k] = Math.sin(u + k);
    let dot = 0;
    for (let r = 0; r < 10; r++)
      for (let k = 0; k < vector.length; k++) dot += vector[k]! * vector[(k + r) % vector.length]!;
    checksum = (checksum + hash + counts.size + Math.round(dot)) % 1_000_000_007;
  }
  return checksum;
}
