import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureSampleCorpus, splitSentences, toPassages, writeSampleSubset } from '../src/sample-corpus.js';
import { parsePrometheusText, sumSamples } from '../src/prometheus-text.js';

describe('sample corpus', () => {
  it('splits sentences and groups them into passages of bounded length', () => {
    expect(splitSentences('One thing. Two things! "Three," he said? [Applause] Four.')).toEqual([
      'One thing.',
      'Two things!',
      '"Three," he said?',
      '[Applause] Four.',
    ]);
    const sentence = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ') + '.';
    const passages = toPassages(Array.from({ length: 20 }, () => sentence));
    for (const p of passages) {
      const words = p.split(' ').length;
      expect(words).toBeGreaterThanOrEqual(90);
      expect(words).toBeLessThanOrEqual(220 + 30);
    }
    expect(passages.join(' ').split(' ').length).toBe(20 * 30);
  });

  it('builds thousands of unique, valid items deterministically and writes subsets', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-sample-'));
    const corpus = ensureSampleCorpus(dir);
    expect(corpus.items).toBeGreaterThan(5000);
    const lines = readFileSync(corpus.file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(corpus.items);
    const records = lines.map(
      (l) => JSON.parse(l) as { id: string; title: string; content: string; published_at: string },
    );
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    for (const r of records.slice(0, 200)) {
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.content).toMatch(/^<article>/);
      expect(Number.isNaN(Date.parse(r.published_at))).toBe(false);
    }
    // The hash shuffle spreads eras: the first 100 items span more than a century.
    const years = records.slice(0, 100).map((r) => Number(r.id.slice(0, 4)));
    expect(Math.max(...years) - Math.min(...years)).toBeGreaterThan(100);
    const again = ensureSampleCorpus(mkdtempSync(path.join(os.tmpdir(), 'sluice-sample-')));
    expect(readFileSync(again.file, 'utf8')).toBe(readFileSync(corpus.file, 'utf8'));
    const subset = path.join(dir, 'subset.jsonl');
    expect(await writeSampleSubset(corpus, subset, 25)).toBe(25);
    expect(readFileSync(subset, 'utf8').trim().split('\n')).toEqual(lines.slice(0, 25));
  });
});

describe('prometheus text', () => {
  it('parses samples with labels and sums matching ones', () => {
    const samples = parsePrometheusText(`# HELP x y
sluice_stage_items_total{stage="scorer",direction="in",service="scorer"} 120
sluice_stage_items_total{stage="scorer",direction="out",service="scorer"} 118
sluice_stage_items_total{stage="scorer",direction="in",service="scorer2"} 5
sluice_process_resident_memory_bytes{service="scorer"} 1.048576e+08
`);
    expect(sumSamples(samples, 'sluice_stage_items_total', { stage: 'scorer', direction: 'in' })).toBe(125);
    expect(sumSamples(samples, 'sluice_process_resident_memory_bytes')).toBe(104857600);
  });
});
