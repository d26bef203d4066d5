import { describe, expect, it } from 'vitest';
import { backoffMs, sleep } from '../src/index.js';

describe('backoffMs', () => {
  const base = { initialMs: 100, maxMs: 1000 };
  it('grows exponentially up to the maximum', () => {
    expect([0, 1, 2, 3, 4, 40].map((a) => backoffMs(a, { ...base, jitter: 'none' }))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });
  it('spreads the delay by the chosen jitter', () => {
    const at = (jitter: 'full' | 'equal' | 'proportional', r: number) =>
      backoffMs(2, { ...base, jitter, random: () => r });
    expect([at('full', 0), at('full', 0.5), at('full', 0.999)]).toEqual([0, 200, 400]);
    expect([at('equal', 0), at('equal', 0.5)]).toEqual([200, 300]);
    expect([at('proportional', 0), at('proportional', 0.5)]).toEqual([200, 400]);
  });
});

describe('sleep', () => {
  it('rejects with the reason when aborted', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    await expect(sleep(1)).resolves.toBeUndefined();
  });
});
