import { describe, expect, it } from 'vitest';
import { PriorityWaitQueue, agedPriority, batchPriority, clampPriority } from '../src/index.js';

describe('priority', () => {
  it('is 0 (lowest) to 9 (highest); 0 is a value, not "unset"', () => {
    expect(clampPriority(0)).toBe(0);
    expect(clampPriority(-3)).toBe(0);
    expect(clampPriority(12)).toBe(9);
    expect(clampPriority(6.6)).toBe(7);
    expect(clampPriority(Number.NaN)).toBe(5);
  });

  it('ages one level per aging interval, without a ceiling', () => {
    expect(agedPriority(0, 999, 1000)).toBe(0);
    expect(agedPriority(0, 1000, 1000)).toBe(1);
    expect(agedPriority(2, 25_000, 1000)).toBe(27);
  });

  it('takes a batch priority from its most urgent item', () => {
    expect(batchPriority([{ raw: { priority: 1 } }, { raw: { priority: 8 } }, { raw: null }])).toBe(8);
    expect(batchPriority([{ raw: { priority: 0 } }])).toBe(0);
    expect(batchPriority([])).toBe(5);
  });
});

describe('PriorityWaitQueue', () => {
  function slots(capacity: number, clock: { now: number }) {
    let used = 0;
    const queue = new PriorityWaitQueue<number>(
      (n) => {
        if (used > 0 && used + n > capacity) return false;
        used += n;
        return true;
      },
      1000,
      () => clock.now,
    );
    return {
      queue,
      release(n: number) {
        used -= n;
        queue.admit();
      },
      get used() {
        return used;
      },
    };
  }

  it('admits the most urgent waiter first, then by arrival', async () => {
    const clock = { now: 0 };
    const s = slots(1, clock);
    const order: string[] = [];
    await s.queue.acquire(1, 5);
    const waits = [
      s.queue.acquire(1, 1).then(() => order.push('low')),
      s.queue.acquire(1, 9).then(() => order.push('high')),
      s.queue.acquire(1, 9).then(() => order.push('high-later')),
    ];
    for (let i = 0; i < 3; i += 1) {
      s.release(1);
      await Promise.resolve();
      await Promise.resolve();
    }
    await Promise.all(waits);
    expect(order).toEqual(['high', 'high-later', 'low']);
  });

  it('ages a waiting low priority above fresh high ones (no starvation)', async () => {
    const clock = { now: 0 };
    const s = slots(1, clock);
    await s.queue.acquire(1, 5);
    let lowAdmitted = false;
    const low = s.queue.acquire(1, 0).then(() => (lowAdmitted = true));
    clock.now = 9_500; // the low waiter is at 9 now; a fresh 9 arrives later and loses the tie by arrival
    const high = s.queue.acquire(1, 9);
    s.release(1);
    await low;
    expect(lowAdmitted).toBe(true);
    s.release(1);
    await high;
  });

  it('lets the most urgent waiter that does not fit block smaller ones behind it', async () => {
    const clock = { now: 0 };
    const s = slots(10, clock);
    await s.queue.acquire(6, 5);
    let bigIn = false;
    let smallIn = false;
    const big = s.queue.acquire(8, 9).then(() => (bigIn = true));
    const small = s.queue.acquire(2, 1).then(() => (smallIn = true));
    await Promise.resolve();
    expect([bigIn, smallIn]).toEqual([false, false]);
    s.release(6);
    await big;
    await small;
    expect(s.used).toBe(10);
  });

  it('drops an aborted waiter without reserving anything, and rejects all on shutdown', async () => {
    const clock = { now: 0 };
    const s = slots(1, clock);
    await s.queue.acquire(1, 5);
    const cancelled = new AbortController();
    const gone = s.queue.acquire(1, 9, cancelled.signal);
    cancelled.abort(new Error('cancelled'));
    await expect(gone).rejects.toThrow('cancelled');
    expect(s.queue.size).toBe(0);
    const waiting = s.queue.acquire(1, 1);
    s.queue.rejectAll(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
    expect(s.used).toBe(1);
  });
});
