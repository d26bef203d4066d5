import { describe, expect, it } from 'vitest';
import { Permits } from '../src/index.js';

describe('Permits', () => {
  it('lets a cancelled waiter leave the queue without taking the next slot', async () => {
    const slots = new Permits(1);
    await slots.acquire();
    const first = slots.releaser();
    const cancelled = new AbortController();
    const gone = slots.acquire(1, { signal: cancelled.signal });
    const next = slots.acquire();
    cancelled.abort(new Error('cancelled'));
    await expect(gone).rejects.toThrow('cancelled');
    first();
    first(); // a releaser gives its permits back once
    await next;
    expect(slots.available).toBe(0);
    slots.release();
    expect(slots.available).toBe(1);
  });

  it('lets a cancelled run stop waiting for room in a window', async () => {
    const window = new Permits(10, { admitOversizeAlone: true });
    await window.acquire(8);
    const cancelled = new AbortController();
    const waiting = window.acquire(5, { signal: cancelled.signal });
    cancelled.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(window.used).toBe(8);
    window.release(8);
    await window.acquire(10);
    expect(window.used).toBe(10);
  });

  it('rejects an already aborted signal and holds nothing', async () => {
    const slots = new Permits(1);
    await expect(slots.acquire(1, { signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
    expect(slots.used).toBe(0);
  });

  it('grants an oversize request alone only when asked to, never alongside others', async () => {
    const strict = new Permits(4);
    expect(strict.tryAcquire(5)).toBe(false);
    const window = new Permits(4, { admitOversizeAlone: true });
    expect(window.tryAcquire(1)).toBe(true);
    expect(window.tryAcquire(5)).toBe(false);
    const big = window.acquire(5);
    window.release(1);
    await big;
    expect(window.used).toBe(5);
  });

  it('serves waiters first come, first served, and a waiting head blocks later small requests', async () => {
    const permits = new Permits(3);
    await permits.acquire(3);
    const order: string[] = [];
    const large = permits.acquire(2).then(() => order.push('large'));
    const small = permits.acquire(1).then(() => order.push('small'));
    expect(permits.tryAcquire(1)).toBe(false); // others wait
    expect(permits.waiting).toBe(2);
    permits.release(1);
    await Promise.resolve();
    expect(order).toEqual([]); // the large one is first and does not fit yet
    permits.release(1); // the large one fits now; the small one waits behind it for room
    await large;
    expect(permits.used).toBe(3);
    permits.release(1);
    await small;
    expect(order).toEqual(['large', 'small']);
    expect(permits.used).toBe(3);
  });

  it('serves a more urgent waiter first', async () => {
    const permits = new Permits(1);
    await permits.acquire();
    const order: number[] = [];
    const low = permits.acquire(1, { priority: 2 }).then(() => order.push(2));
    const high = permits.acquire(1, { priority: 8 }).then(() => order.push(8));
    permits.release();
    await high;
    permits.release();
    await low;
    expect(order).toEqual([8, 2]);
  });

  it('fails every waiter on rejectAll', async () => {
    const permits = new Permits(0);
    const waiting = permits.acquire();
    permits.rejectAll(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
  });
});
