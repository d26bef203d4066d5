import { describe, expect, it } from 'vitest';
import { RestartBudget, type RestartPolicy } from '../src/restart-policy.js';

const policy: RestartPolicy = {
  maxRestarts: 3,
  windowMs: 60_000,
  initialDelayMs: 1_000,
  maxDelayMs: 5_000,
  resetAfterMs: 30_000,
};

describe('RestartBudget', () => {
  it('doubles the delay per consecutive crash, with jitter between half and all of it, up to the maximum', () => {
    const low = new RestartBudget({ ...policy, maxRestarts: 10 }, () => 0);
    const high = new RestartBudget({ ...policy, maxRestarts: 10 }, () => 0.999_999);
    const lows: number[] = [];
    const highs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const a = low.onExit(i * 10, 0);
      const b = high.onExit(i * 10, 0);
      if (a.kind !== 'restart' || b.kind !== 'restart') throw new Error('expected restarts');
      expect(a.attempt).toBe(i + 1);
      lows.push(a.delayMs);
      highs.push(b.delayMs);
    }
    expect(lows).toEqual([500, 1_000, 2_000, 2_500, 2_500]);
    expect(highs).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('gives up on the crash after maxRestarts restarts within the window, and forgives restarts older than it', () => {
    const budget = new RestartBudget(policy, () => 0.5);
    expect(budget.onExit(0, 0).kind).toBe('restart');
    expect(budget.onExit(1_000, 0).kind).toBe('restart');
    expect(budget.onExit(2_000, 0).kind).toBe('restart');
    expect(budget.onExit(3_000, 0)).toEqual({ kind: 'give_up', restartsInWindow: 3 });
    expect(budget.total).toBe(3);
    // 60.5 s after the first restart only two remain in the window: one more restart is allowed.
    expect(budget.onExit(60_500, 0).kind).toBe('restart');
    expect(budget.onExit(60_600, 0).kind).toBe('give_up');
  });

  it('starts the backoff over after the service stayed up for resetAfterMs', () => {
    const budget = new RestartBudget({ ...policy, maxRestarts: 10 }, () => 0.999_999);
    budget.onExit(0, 0);
    budget.onExit(10, 0);
    expect(budget.onExit(20, 0)).toMatchObject({ attempt: 3, delayMs: 4_000 });
    expect(budget.onExit(100_000, 45_000)).toMatchObject({ attempt: 1, delayMs: 1_000 });
  });

  it('never restarts with a budget of zero, and rejects a policy whose maximum delay is below the initial one', () => {
    expect(new RestartBudget({ ...policy, maxRestarts: 0 }).onExit(0, 0).kind).toBe('give_up');
    expect(() => new RestartBudget({ ...policy, maxDelayMs: 10 })).toThrow(/invalid restart policy/);
  });
});
