// The chunking rule (docs/transformation.md): a text that fits `maxTokens` stays whole (no chunks: consumers
// use the text). A longer text is split at paragraph boundaries, paragraphs longer than the limit at sentence
// ends, sentences longer than the limit at word boundaries; pieces are packed greedily in order up to
// `maxTokens` each. At most `maxChunks` chunks are produced: the rest of a very long text is not chunked
// (the item still carries its full text), which bounds the work and the message size per item.
import type { TokenCounter } from './token-count.js';

export interface Chunk {
  index: number;
  text: string;
  token_count: number;
}

const SENTENCE_END = /(?<=[.!?。！？])\s+|(?<=[。！？])/u;

function pieces(text: string, counter: TokenCounter, maxTokens: number): Array<{ text: string; tokens: number }> {
  const out: Array<{ text: string; tokens: number }> = [];
  const push = (piece: string, level: number): void => {
    const trimmed = piece.trim();
    if (trimmed === '') return;
    const tokens = counter.count(trimmed);
    if (tokens <= maxTokens) {
      out.push({ text: trimmed, tokens });
      return;
    }
    if (level === 0) for (const p of trimmed.split(/\n+/)) push(p, 1);
    else if (level === 1) {
      const sentences = trimmed.split(SENTENCE_END);
      if (sentences.length > 1) for (const s of sentences) push(s, 2);
      else push(trimmed, 2);
    } else {
      // Words, packed up to the limit (a single giant "word" is cut by characters).
      let current: string[] = [];
      let currentTokens = 0;
      for (const word of trimmed.split(/\s+/)) {
        const wordTokens = counter.count(word);
        if (wordTokens > maxTokens) {
          const step = Math.max(1, Math.floor((word.length * maxTokens) / wordTokens));
          for (let i = 0; i < word.length; i += step)
            out.push({ text: word.slice(i, i + step), tokens: counter.count(word.slice(i, i + step)) });
          continue;
        }
        if (currentTokens + wordTokens > maxTokens && current.length > 0) {
          out.push({ text: current.join(' '), tokens: currentTokens });
          current = [];
          currentTokens = 0;
        }
        current.push(word);
        currentTokens += wordTokens;
      }
      if (current.length > 0) out.push({ text: current.join(' '), tokens: counter.count(current.join(' ')) });
    }
  };
  push(text, 0);
  return out;
}

export function chunkText(
  text: string,
  totalTokens: number,
  counter: TokenCounter,
  maxTokens: number,
  maxChunks: number,
): Chunk[] {
  if (totalTokens <= maxTokens || maxTokens <= 0 || maxChunks <= 0) return [];
  const chunks: Chunk[] = [];
  let current: string[] = [];
  let currentTokens = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    chunks.push({ index: chunks.length, text: current.join('\n'), token_count: currentTokens });
    current = [];
    currentTokens = 0;
  };
  // Only the start that can fill maxChunks is split (≤ ~12 characters per token in any script).
  const budget = maxTokens * maxChunks * 12;
  for (const piece of pieces(text.length > budget ? text.slice(0, budget) : text, counter, maxTokens)) {
    if (chunks.length >= maxChunks) break;
    // +1: the separator may cost a token once joined.
    if (currentTokens + piece.tokens + 1 > maxTokens) flush();
    if (chunks.length >= maxChunks) break;
    current.push(piece.text);
    currentTokens += piece.tokens + (current.length > 1 ? 1 : 0);
  }
  if (chunks.length < maxChunks) flush();
  return chunks;
}
