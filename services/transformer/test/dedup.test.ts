import { describe, expect, it } from 'vitest';
import { DedupIndex, bits, type DedupEntry } from '../src/dedup-index.js';
import { fingerprintFromHex, fingerprintToHex, hammingDistance, simhash, type Fingerprint } from '../src/simhash.js';
import { NEAR_DUPLICATES, UNRELATED, WIRE_STORY } from './fixtures/near-duplicates.js';

const entry = (id: string, text: string, extra: Partial<DedupEntry> = {}): DedupEntry => ({
  id,
  contentHash: `hash-${id}`,
  dedupKey: `https://example.com/${id}`,
  fingerprint: simhash(text),
  nearEligible: true,
  ...extra,
});

describe('SimHash', () => {
  it('puts near-duplicate stories within 8 bits and unrelated ones (even on the same topic) beyond 20', () => {
    for (const pair of NEAR_DUPLICATES)
      expect(hammingDistance(simhash(pair.a), simhash(pair.b)), pair.name).toBeLessThanOrEqual(8);
    const all = [WIRE_STORY, ...UNRELATED];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++)
        expect(hammingDistance(simhash(all[i]!), simhash(all[j]!))).toBeGreaterThan(20);
  });

  it('is deterministic, case-insensitive, and round-trips through 16 hex chars', () => {
    const fp = simhash(WIRE_STORY);
    expect(simhash(WIRE_STORY.toUpperCase())).toEqual(fp);
    expect(fingerprintFromHex(fingerprintToHex(fp))).toEqual(fp);
    expect(fingerprintToHex(fp)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintFromHex('xyz')).toBeUndefined();
    expect(simhash('')).toEqual([0, 0]);
  });

  it('works on unspaced scripts (one shingle unit per character)', () => {
    const ja =
      '市議会は火曜日、北部地区と中央駅を結ぶ新しい路面電車路線の建設を承認した。住民からは騒音や工事への懸念の声が上がった。議会は公聴会を開くと約束した。';
    expect(hammingDistance(simhash(ja), simhash(ja.replace('火曜日', '水曜日')))).toBeLessThanOrEqual(8);
    expect(
      hammingDistance(
        simhash(ja),
        simhash(
          '東京の天気は晴れ、気温は二十五度まで上がる見込みです。週末は雨が降るでしょう。傘を忘れないでください。',
        ),
      ),
    ).toBeGreaterThan(12);
  });

  it('extracts bands across the 32-bit boundary', () => {
    const fp: Fingerprint = [0b1011, 0xf0000000];
    expect(bits(fp, 28, 8)).toBe(0b10111111);
    expect(bits(fp, 0, 8)).toBe(0);
    expect(bits(fp, 32, 4)).toBe(0b1011);
    expect(bits([0xffffffff, 0xffffffff], 0, 32)).toBe(0xffffffff);
  });
});

describe('DedupIndex', () => {
  it('links exact duplicates by content hash or dedup key, and near duplicates by SimHash, to the first original', () => {
    const index = new DedupIndex({ capacity: 100, maxHammingDistance: 8 });
    expect(index.check(entry('orig', WIRE_STORY))).toBeUndefined();
    expect(
      index.check(entry('same-text', WIRE_STORY, { contentHash: 'hash-orig', dedupKey: 'https://other.example/x' })),
    ).toEqual({ duplicate_of: 'orig', duplicate_kind: 'exact' });
    // A title-only item (a link post) with the original's URL.
    expect(
      index.check(entry('same-url', 'ECB holds rates', { dedupKey: 'https://example.com/orig', nearEligible: false })),
    ).toEqual({ duplicate_of: 'orig', duplicate_kind: 'exact' });
    for (const [i, pair] of NEAR_DUPLICATES.entries()) {
      const match = index.check(entry(`near-${i}`, pair.b));
      expect(match, pair.name).toMatchObject({ duplicate_of: 'orig', duplicate_kind: 'near' });
      expect(match!.distance).toBeLessThanOrEqual(8);
    }
    for (const [i, text] of UNRELATED.entries()) expect(index.check(entry(`other-${i}`, text))).toBeUndefined();
    // Duplicates are not added: originals only.
    expect(index.size).toBe(1 + UNRELATED.length);
  });

  it('keeps different substantial texts under one URL apart (live-blog entries told apart by their fragment)', () => {
    const index = new DedupIndex({ capacity: 10, maxHammingDistance: 8 });
    expect(index.check(entry('post-1', UNRELATED[0]!, { dedupKey: 'https://example.com/live' }))).toBeUndefined();
    expect(index.check(entry('post-2', UNRELATED[1]!, { dedupKey: 'https://example.com/live' }))).toBeUndefined();
    // An updated version of the first post under the same URL is still linked, as a near duplicate.
    expect(
      index.check(
        entry('post-1-updated', `${UNRELATED[0]!} Updated at noon.`, { dedupKey: 'https://example.com/live' }),
      ),
    ).toMatchObject({ duplicate_of: 'post-1', duplicate_kind: 'near' });
  });

  it('treats a replay of the same item as an original, not a duplicate of itself', () => {
    const index = new DedupIndex({ capacity: 10, maxHammingDistance: 8 });
    expect(index.check(entry('a', WIRE_STORY))).toBeUndefined();
    expect(index.check(entry('a', WIRE_STORY))).toBeUndefined();
    expect(index.size).toBe(1);
  });

  it('leaves short texts to exact matching', () => {
    const index = new DedupIndex({ capacity: 10, maxHammingDistance: 8 });
    index.check(entry('a', WIRE_STORY, { nearEligible: false }));
    expect(index.check(entry('b', NEAR_DUPLICATES[0]!.b))).toBeUndefined();
    expect(index.check(entry('c', NEAR_DUPLICATES[1]!.b, { nearEligible: false }))).toBeUndefined();
  });

  it('forgets the oldest originals beyond its capacity (bounded memory)', () => {
    const index = new DedupIndex({ capacity: 3, maxHammingDistance: 8 });
    index.check(entry('orig', WIRE_STORY));
    for (const [i, text] of UNRELATED.slice(0, 3).entries()) index.check(entry(`u${i}`, text));
    expect(index.size).toBe(3);
    expect(index.check(entry('late', NEAR_DUPLICATES[0]!.b, { contentHash: 'hash-orig' }))).toBeUndefined();
    expect(index.check(entry('late-u2', UNRELATED[2]!, { contentHash: 'hash-u2' }))).toMatchObject({
      duplicate_of: 'u2',
      duplicate_kind: 'exact',
    });
  });

  it('finds every near duplicate within 2 × bands − 1 bits among many random originals', () => {
    let seed = 42;
    const random32 = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed;
    };
    const index = new DedupIndex({ capacity: 20_000, maxHammingDistance: 7 });
    const originals: Fingerprint[] = [];
    for (let i = 0; i < 20_000; i++) {
      const fp: Fingerprint = [random32(), random32()];
      originals.push(fp);
      index.add({ id: `o${i}`, contentHash: `h${i}`, dedupKey: '', fingerprint: fp, nearEligible: true });
    }
    for (let i = 0; i < 300; i++) {
      const target = random32() % originals.length;
      const fp = [...originals[target]!] as [number, number];
      const flips = new Set<number>();
      while (flips.size < 7) flips.add(random32() % 64);
      for (const bit of flips)
        if (bit < 32) fp[1] = (fp[1] ^ (1 << bit)) >>> 0;
        else fp[0] = (fp[0] ^ (1 << (bit - 32))) >>> 0;
      const match = index.find({
        id: `q${i}`,
        contentHash: `q${i}`,
        dedupKey: '',
        fingerprint: fp,
        nearEligible: true,
      });
      expect(match).toMatchObject({ duplicate_of: `o${target}`, duplicate_kind: 'near', distance: 7 });
    }
  });
});
