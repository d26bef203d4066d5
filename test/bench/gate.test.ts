// The benchmark gate: its comparison logic, and that it fails on injected regressions (a per-item
// allocation in the transformer and scorer paths, a sleep in the batcher) while the real code passes.
// The full gate (every group, real code) runs in CI right after the tests: `pnpm bench gate`.
import { describe, expect, it } from 'vitest';
import { GATE_CHECKS, compareWithBaseline, formatGateTable, measureGate, readBaseline } from '../../bench/gate.js';

const checks = [
  { metric: 'speedup', group: 'inference', better: 'higher', tolerance: 0.3, what: '' },
  { metric: 'cost', group: 'transform', better: 'lower', tolerance: 0.2, what: '' },
] as const;

describe('benchmark gate', () => {
  it('fails a metric past its threshold, in the direction that is worse', () => {
    const baseline = { speedup: 10, cost: 5 };
    const rows = (now: Record<string, number>) =>
      compareWithBaseline(baseline, now, checks).map((r) => [r.metric, r.threshold, r.pass]);
    expect(rows({ speedup: 7.1, cost: 5.9 })).toEqual([
      ['speedup', 7, true],
      ['cost', 6, true],
    ]);
    expect(rows({ speedup: 6.9, cost: 6.1 })).toEqual([
      ['speedup', 7, false],
      ['cost', 6, false],
    ]);
    // Better than the baseline always passes.
    expect(rows({ speedup: 30, cost: 1 })).toEqual([
      ['speedup', 7, true],
      ['cost', 6, true],
    ]);
    // A metric with no baseline fails; a group not measured is left out; NaN fails.
    expect(compareWithBaseline({}, { speedup: 10 }, checks).map((r) => r.pass)).toEqual([false]);
    expect(compareWithBaseline(baseline, { cost: Number.NaN }, checks).map((r) => [r.metric, r.pass])).toEqual([
      ['cost', false],
    ]);
    const table = formatGateTable(compareWithBaseline(baseline, { speedup: 6.9, cost: 5 }, checks));
    expect(table).toMatch(/^speedup\s+10\.00\s+6\.900\s+≥ 7\.000\s+FAIL$/m);
    expect(table).toMatch(/^cost\s+5\.000\s+5\.000\s+≤ 6\.000\s+pass$/m);
  });

  it('has a committed baseline for every check', () => {
    const baseline = readBaseline();
    for (const check of GATE_CHECKS) expect(baseline.metrics[check.metric], check.metric).toBeGreaterThan(0);
  });

  it(
    'passes the real transformer and scorer paths and fails them with an extra per-item allocation',
    { timeout: 240_000 },
    async () => {
      const baseline = readBaseline().metrics;
      const real = compareWithBaseline(baseline, await measureGate({ groups: ['transform', 'score'], log: () => {} }));
      expect(real.map((r) => [r.metric, r.pass])).toEqual([
        ['transform_cost_vs_reference', true],
        ['score_cost_vs_reference', true],
      ]);
      const slow = compareWithBaseline(
        baseline,
        await measureGate({
          groups: ['transform', 'score'],
          inject: ['transform-alloc', 'score-alloc'],
          log: () => {},
        }),
      );
      expect(slow.map((r) => [r.metric, r.pass])).toEqual([
        ['transform_cost_vs_reference', false],
        ['score_cost_vs_reference', false],
      ]);
    },
  );

  it('fails the batcher checks with a sleep in the batcher', { timeout: 240_000 }, async () => {
    const rows = compareWithBaseline(
      readBaseline().metrics,
      await measureGate({ groups: ['inference'], inject: ['batcher-sleep'], log: () => {} }),
    );
    expect(rows.find((r) => r.metric === 'inference_cpu_speedup_vs_unbatched')?.pass).toBe(false);
  });
});
