// POST /v1/items over a real pipeline stream: a real PipelineStage sink on loopback stands in for the
// transformer and acknowledges the way persistence does (after its "commit").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemId } from '@sluice/content';
import type { GrpcServer, ItemBatch__Output } from '@sluice/protocol';
import { KEYS, auth, startApp, startPersistenceStandIn, startSink, testSettings, type TestApp } from './helpers.js';

let persistence: GrpcServer;
let sink: GrpcServer;
let t: TestApp;
const stored = new Map<string, ItemBatch__Output['items'][number]>();
const batches: ItemBatch__Output[] = [];
let ackDelayMs = 0;

beforeAll(async () => {
  persistence = await startPersistenceStandIn({});
  sink = await startSink(async (batch) => {
    batches.push(batch);
    if (ackDelayMs > 0) await new Promise((r) => setTimeout(r, ackDelayMs));
    let inserted = 0;
    let unchanged = 0;
    for (const item of batch.items) {
      if (stored.has(item.raw!.id)) unchanged += 1;
      else inserted += 1;
      stored.set(item.raw!.id, item);
    }
    return { batch_id: batch.batch_id, item_ids: batch.items.map((i) => i.raw!.id), inserted, unchanged };
  });
  t = await startApp({
    persistencePort: persistence.port,
    sinkPort: sink.port,
    settings: testSettings({ push_ack_wait_milliseconds: 2000, push_max_items: 5 }),
  });
});

afterAll(async () => {
  await t?.close();
  await sink?.shutdown(0);
  await persistence?.shutdown(0);
});

const push = (payload: unknown, key: string = KEYS.writer) =>
  t.app.inject({ method: 'POST', url: '/v1/items', headers: auth(key), payload: payload as object });

describe('POST /v1/items', () => {
  it('answers after the durable acknowledgement with the content-key ids and counts', async () => {
    const response = await push({
      source_id: 'partner',
      items: [
        {
          external_id: 'p-1',
          title: 'First',
          content: '<p>Hello <b>world</b></p>',
          published_at: '2025-03-01T10:00:00Z',
          tags: ['a'],
        },
        { url: 'https://example.org/two', title: 'Second' },
        { title: 'Third, no id or url', content: 'plain body' },
        { source_id: 'other', external_id: 'x', summary: 'own source' },
      ],
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('stored');
    expect(body.inserted).toBe(4);
    expect(body.item_ids.slice(0, 2)).toEqual([itemId('partner', 'p-1'), itemId('partner', 'https://example.org/two')]);
    expect(body.item_ids[3]).toBe(itemId('other', 'x'));
    const first = stored.get(itemId('partner', 'p-1'))!.raw!;
    expect(first).toMatchObject({
      source_id: 'partner',
      source_kind: 'push',
      external_id: 'p-1',
      content_type: 'text/html',
      published_at_ms: Date.parse('2025-03-01T10:00:00Z'),
      tags: ['a'],
    });
    expect(first.collected_at_ms).toBeGreaterThan(Date.now() - 60_000);
    const third = stored.get(body.item_ids[2])!.raw!;
    expect(third.external_id).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(third.content_type).toBe('text/plain');
    expect(stored.get(body.item_ids[3])!.raw!.source_id).toBe('other');
  });

  it('is idempotent: the same items pushed again keep their ids, and duplicates in one request collapse', async () => {
    const payload = {
      items: [
        { title: 'Same', content: 'same body' },
        { url: 'https://example.org/dup' },
        { url: 'https://example.org/dup', title: 'later copy wins' },
      ],
    };
    const first = (await push(payload)).json();
    const again = (await push(payload)).json();
    expect(first.item_ids).toHaveLength(2);
    expect(again.item_ids).toEqual(first.item_ids);
    expect(again).toMatchObject({ status: 'stored', inserted: 0, unchanged: 2 });
    expect(first.item_ids).toContain(itemId('push', 'https://example.org/dup'));
    expect(stored.get(itemId('push', 'https://example.org/dup'))!.raw!.title).toBe('later copy wins');
  });

  it('answers 202 with a status URL when the acknowledgement is slow, and the batch becomes stored', async () => {
    const slow = await startApp({
      persistencePort: persistence.port,
      sinkPort: sink.port,
      settings: testSettings({ push_ack_wait_milliseconds: 50 }),
    });
    ackDelayMs = 400;
    try {
      const response = await slow.app.inject({
        method: 'POST',
        url: '/v1/items',
        headers: auth(KEYS.writer),
        payload: { items: [{ title: 'slow one' }] },
      });
      expect(response.statusCode).toBe(202);
      const accepted = response.json();
      expect(accepted).toMatchObject({ status: 'accepted', status_url: `/v1/items/batches/${accepted.batch_id}` });
      const pending = await slow.app.inject({ method: 'GET', url: accepted.status_url, headers: auth(KEYS.writer) });
      expect(pending.json()).toMatchObject({ status: 'pending', item_ids: accepted.item_ids });
      await new Promise((r) => setTimeout(r, 600));
      const done = await slow.app.inject({ method: 'GET', url: accepted.status_url, headers: auth(KEYS.writer) });
      expect(done.json()).toMatchObject({ status: 'stored', inserted: 1, item_ids: accepted.item_ids });
      const unknown = await slow.app.inject({
        method: 'GET',
        url: '/v1/items/batches/nope',
        headers: auth(KEYS.writer),
      });
      expect(unknown.statusCode).toBe(404);
    } finally {
      ackDelayMs = 0;
      await slow.close();
    }
  });

  it('rejects invalid items with every problem at once, and sends nothing', async () => {
    const before = batches.length;
    const response = await push({
      items: [{ title: 'ok' }, { author: 'only an author' }, { title: 'bad time', published_at: 'last tuesday' }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { pointer: '/body/items/1', message: expect.stringContaining('at least one of') },
      { pointer: '/body/items/2/published_at', message: expect.any(String) },
    ]);
    expect(batches.length).toBe(before);
  });

  it('validates the body shape: unknown properties, too many items, empty lists, wrong types', async () => {
    const cases: Array<[unknown, string]> = [
      [{ items: [{ title: 'x', colour: 'red' }] }, '/body/items/0/colour'],
      [{ items: Array.from({ length: 6 }, (_, i) => ({ title: `t${i}` })) }, '/body/items'],
      [{ items: [] }, '/body/items'],
      [{ items: [{ title: 42 }] }, '/body/items/0/title'],
      [{ items: [{ title: 'x', priority: 12 }] }, '/body/items/0/priority'],
      [{ source_id: 'Bad Source', items: [{ title: 'x' }] }, '/body/source_id'],
      [{}, '/body/items'],
    ];
    for (const [payload, pointer] of cases) {
      const response = await push(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('invalid_request');
      expect(response.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
  });
});

describe('POST /v1/items under overload', () => {
  it('admits at most twice the window (waiting requests included), answers 429 with Retry-After, and stores every admitted item', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const received: string[] = [];
    const slowSink = await startSink(async (batch) => {
      await gate; // the pipeline is slower than its clients
      received.push(...batch.items.map((i) => i.raw!.id));
      return { batch_id: batch.batch_id, item_ids: batch.items.map((i) => i.raw!.id), inserted: batch.items.length };
    });
    // Window 4 items: two 2-item batches are sent, the next two wait for room; 8 items are admitted in all.
    const app = await startApp({
      persistencePort: persistence.port,
      sinkPort: slowSink.port,
      settings: testSettings({ push_max_in_flight_items: 4, push_ack_wait_milliseconds: 50 }),
    });
    const send = (n: number) =>
      app.app.inject({
        method: 'POST',
        url: '/v1/items',
        headers: auth(KEYS.writer),
        payload: {
          source_id: 'flood',
          items: [
            { external_id: `${n}-a`, title: 'a' },
            { external_id: `${n}-b`, title: 'b' },
          ],
        },
      });
    try {
      const admitted = [];
      for (let n = 0; n < 4; n++) admitted.push(await send(n));
      expect(admitted.map((r) => r.statusCode)).toEqual([202, 202, 202, 202]);

      for (const n of [4, 5]) {
        const rejected = await send(n);
        expect(rejected.statusCode).toBe(429);
        expect(rejected.headers['content-type']).toContain('application/problem+json');
        expect(rejected.json()).toMatchObject({ code: 'overloaded', status: 429 });
        expect(Number(rejected.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }

      open();
      for (const response of admitted) {
        const { status_url } = response.json();
        await expect
          .poll(
            async () =>
              (await app.app.inject({ method: 'GET', url: status_url, headers: auth(KEYS.writer) })).json().status,
          )
          .toBe('stored');
      }
      const ids = admitted.flatMap((r) => r.json().item_ids as string[]);
      expect(new Set(received)).toEqual(new Set(ids));
      expect(ids).toHaveLength(8);
      expect(received).not.toContain(itemId('flood', '4-a'));
      // Drained: pushes are admitted again.
      expect([200, 202]).toContain((await send(6)).statusCode);
    } finally {
      open();
      await app.close();
      await slowSink.shutdown(0);
    }
  });

  it('answers 503 with Retry-After when the push stream broke and nothing was acknowledged since', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const downSink = await startSink(async (batch) => {
      await gate;
      return { batch_id: batch.batch_id, item_ids: batch.items.map((i) => i.raw!.id), inserted: batch.items.length };
    });
    const app = await startApp({
      persistencePort: persistence.port,
      sinkPort: downSink.port,
      settings: testSettings({ push_max_in_flight_items: 4, push_ack_wait_milliseconds: 50 }),
    });
    const send = (n: number) =>
      app.app.inject({
        method: 'POST',
        url: '/v1/items',
        headers: auth(KEYS.writer),
        payload: {
          source_id: 'down',
          items: [
            { external_id: `${n}-a`, title: 'a' },
            { external_id: `${n}-b`, title: 'b' },
          ],
        },
      });
    try {
      for (let n = 0; n < 4; n++) expect((await send(n)).statusCode).toBe(202);
      await downSink.shutdown(0); // the pipeline goes away with the admitted items unacknowledged
      await expect
        .poll(async () => {
          const response = await send(9);
          return {
            status: response.statusCode,
            code: response.json().code,
            retryAfter: Number(response.headers['retry-after']),
          };
        })
        .toEqual({ status: 503, code: 'upstream_unavailable', retryAfter: 5 });
    } finally {
      open();
      await app.close();
    }
  });
});
