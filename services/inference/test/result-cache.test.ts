import { describe, expect, it } from 'vitest';
import { ResultCache, entryCost } from '../src/result-cache.js';

describe('ResultCache', () => {
  it('charges each entry what it costs in RSS, not its payload', () => {
    const key = ResultCache.key('sluice-spam-hashed', 'x'.repeat(28));
    // Measured ~650 bytes of RSS for a 2-float classification (bench/RESULTS.md): far above its 8 bytes.
    expect(entryCost(key, new Float32Array(2))).toBeGreaterThanOrEqual(650);
    // Values over 64 bytes get an off-heap backing store: measured ~1,410 bytes for 100 floats.
    expect(entryCost(key, new Float32Array(100))).toBeGreaterThanOrEqual(1410);
  });

  it('keeps its estimated bytes within the budget, evicting the least recently used first', () => {
    const value = () => new Float32Array(100);
    const perEntry = entryCost(ResultCache.key('m', 'h0'), value());
    const cache = new ResultCache(perEntry * 3);
    for (const h of ['h0', 'h1', 'h2']) cache.set(ResultCache.key('m', h), value());
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBe(perEntry * 3);
    cache.get(ResultCache.key('m', 'h0')); // h1 is now the least recently used
    cache.set(ResultCache.key('m', 'h3'), value());
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBeLessThanOrEqual(perEntry * 3);
    expect(cache.get(ResultCache.key('m', 'h1'))).toBeUndefined();
    expect(cache.get(ResultCache.key('m', 'h0'))).toBeDefined();
    // Replacing an entry does not count it twice.
    cache.set(ResultCache.key('m', 'h0'), value());
    expect(cache.bytes).toBe(perEntry * 3);
  });

  it('stores nothing with a zero budget or an entry above the budget', () => {
    const zero = new ResultCache(0);
    zero.set('k', new Float32Array(2));
    expect(zero.size).toBe(0);
    const tiny = new ResultCache(100);
    tiny.set('k', new Float32Array(2));
    expect(tiny.size).toBe(0);
  });
});
