// The HTTP contract: auth and scopes, validation, problem+json errors mapped from real gRPC failures,
// body limits, rate limits, health, metrics and the OpenAPI document.
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpc, type GrpcServer } from '@sluice/protocol';
import {
  KEYS,
  auth,
  grpcError,
  startApp,
  startPersistenceStandIn,
  storedItem,
  testSettings,
  type TestApp,
} from './helpers.js';

const ID_A = 'a'.repeat(32);
const ID_B = 'b'.repeat(32);
const ID_SLOW = 'c'.repeat(32);
const ID_BUSY = 'd'.repeat(32);
const ID_BAD = 'e'.repeat(32);

let persistence: GrpcServer;
let t: TestApp;
const listRequests: any[] = [];

beforeAll(async () => {
  persistence = await startPersistenceStandIn({
    ListItems: (request) => {
      listRequests.push(request);
      if (request.cursor === 'bad-cursor') throw grpcError(grpc.status.INVALID_ARGUMENT, 'cursor is malformed');
      if (request.text === 'overload')
        throw grpcError(grpc.status.RESOURCE_EXHAUSTED, 'pool exhausted', { 'retry-after-ms': '2500' });
      if (request.cursor) return { items: [storedItem(ID_B)], next_cursor: '' };
      return { items: [storedItem(ID_A)], next_cursor: 'cursor-2' };
    },
    GetItem: async (request) => {
      if (request.id === ID_SLOW) await new Promise((r) => setTimeout(r, 1500));
      if (request.id === ID_BUSY) throw grpcError(grpc.status.UNAVAILABLE, 'database connection refused at 10.0.0.5');
      if (request.id === ID_BAD) throw new Error('boom: internal stack detail');
      if (request.id === ID_A) return { found: true, item: storedItem(ID_A) };
      return { found: false };
    },
  });
  t = await startApp({
    persistencePort: persistence.port,
    settings: testSettings({ upstream_timeout_milliseconds: 600, body_limit_bytes: 4096 }),
  });
});

afterAll(async () => {
  await t?.close();
  await persistence?.shutdown(0);
});

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(response.body);
  expect(problem).toMatchObject({ status, code, type: `urn:sluice:problem:${code}` });
  expect(typeof problem.title).toBe('string');
  expect(response.body).not.toMatch(/at .*\.ts:\d+|stack/i);
  return problem;
}

describe('authentication and scopes', () => {
  it('rejects a request without a key with 401 missing_api_key', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/items' }), 401, 'missing_api_key');
  });

  it('rejects an unknown key with 401 invalid_api_key', async () => {
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/v1/items', headers: auth('not-a-key') }),
      401,
      'invalid_api_key',
    );
  });

  it('rejects a key without the route scope with 403 insufficient_scope', async () => {
    const problem = expectProblem(
      await t.app.inject({ method: 'GET', url: '/v1/items', headers: auth(KEYS.writer) }),
      403,
      'insufficient_scope',
    );
    expect(problem.detail).toContain('"read"');
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/v1/items',
        headers: auth(KEYS.reader),
        payload: { items: [{ title: 'x' }] },
      }),
      403,
      'insufficient_scope',
    );
  });

  it('accepts the bootstrap key and configured keys by hash, also as X-API-Key', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/items', headers: auth(KEYS.admin) })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/items', headers: { 'x-api-key': KEYS.reader } })).statusCode,
    ).toBe(200);
  });
});

describe('GET /v1/items', () => {
  it('translates filters into ListItems and paginates with the keyset cursor', async () => {
    listRequests.length = 0;
    const first = await t.app.inject({
      method: 'GET',
      url: '/v1/items?source=feed-a&source=feed-b&topic=technology&sentiment=positive&language=en&min_score=0.25&since=2024-01-01T00:00:00Z&until=1800000000000&text=gpu&sort=score&limit=1',
      headers: auth(KEYS.reader),
    });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: ID_A,
      title: `Title ${ID_A}`,
      sentiment: 'positive',
      collected_at: new Date(1_700_000_000_000).toISOString(),
      published_at: null,
    });
    expect(page.items[0]).not.toHaveProperty('text');
    expect(page.items[0]).not.toHaveProperty('embedding');
    expect(page.next_cursor).toBe('cursor-2');
    expect(page.next).toContain('cursor=cursor-2');
    expect(page.next).toContain('source=feed-b');
    expect(listRequests[0]).toMatchObject({
      source_ids: ['feed-a', 'feed-b'],
      label: 'technology',
      sentiment: 'positive',
      language: 'en',
      min_score: 0.25,
      has_min_score: true,
      since_ms: Date.parse('2024-01-01T00:00:00Z'),
      until_ms: 1_800_000_000_000,
      text: 'gpu',
      sort: 'SORT_FIELD_SCORE',
      limit: 1,
      include_text: false,
      include_embedding: false,
    });

    const second = await t.app.inject({ method: 'GET', url: page.next, headers: auth(KEYS.reader) });
    expect(second.json()).toMatchObject({ items: [{ id: ID_B }], next_cursor: null, next: null });
    expect(listRequests[1].cursor).toBe('cursor-2');
  });

  it('returns only the selected fields, and asks for text and embedding only when selected', async () => {
    listRequests.length = 0;
    const response = await t.app.inject({
      method: 'GET',
      url: '/v1/items?fields=id,text,embedding',
      headers: auth(KEYS.reader),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items[0]).toEqual({
      id: ID_A,
      text: `Body of ${ID_A}`,
      embedding: { model: 'e', values: [expect.closeTo(0.1, 5), expect.closeTo(0.2, 5)] },
    });
    expect(listRequests[0]).toMatchObject({ include_text: true, include_embedding: true });
  });

  it('rejects bad filters with 400 (schema) or 422 (meaning), naming the parameter', async () => {
    const cases: Array<[string, number, string, string]> = [
      ['/v1/items?limit=0', 400, 'invalid_request', '/query/limit'],
      ['/v1/items?limit=100000', 400, 'invalid_request', '/query/limit'],
      ['/v1/items?sort=random', 400, 'invalid_request', '/query/sort'],
      ['/v1/items?min_score=abc', 400, 'invalid_request', '/query/min_score'],
      ['/v1/items?source=Not%20An%20Id', 400, 'invalid_request', '/query/source/0'],
      ['/v1/items?colour=red', 400, 'invalid_request', '/query/colour'],
      ['/v1/items?since=yesterday', 422, 'invalid_parameter', '/query/since'],
      ['/v1/items?since=2025-01-02&until=2025-01-01', 422, 'invalid_parameter', '/query/since'],
      ['/v1/items?fields=id,password', 422, 'invalid_parameter', '/query/fields'],
    ];
    for (const [url, status, code, pointer] of cases) {
      const problem = expectProblem(
        await t.app.inject({ method: 'GET', url, headers: auth(KEYS.reader) }),
        status,
        code,
      );
      expect(
        problem.errors?.map((e: { pointer: string }) => e.pointer),
        url,
      ).toContain(pointer);
    }
  });

  it('maps INVALID_ARGUMENT from persistence to 422 with its detail', async () => {
    const problem = expectProblem(
      await t.app.inject({ method: 'GET', url: '/v1/items?cursor=bad-cursor', headers: auth(KEYS.reader) }),
      422,
      'invalid_parameter',
    );
    expect(problem.detail).toBe('cursor is malformed');
  });

  it('maps RESOURCE_EXHAUSTED to 429 overloaded with Retry-After', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/items?text=overload', headers: auth(KEYS.reader) });
    expectProblem(response, 429, 'overloaded');
    expect(response.headers['retry-after']).toBe('3');
  });
});

describe('GET /v1/items/:id', () => {
  it('returns the item with its text', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/v1/items/${ID_A}`, headers: auth(KEYS.reader) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: ID_A, text: `Body of ${ID_A}`, score: { value: 0.5 } });
  });

  it('answers 404 item_not_found for an unknown id and 400 for a malformed one', async () => {
    expectProblem(
      await t.app.inject({ method: 'GET', url: `/v1/items/${'f'.repeat(32)}`, headers: auth(KEYS.reader) }),
      404,
      'item_not_found',
    );
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/v1/items/not-an-id', headers: auth(KEYS.reader) }),
      400,
      'invalid_request',
    );
  });

  it('maps DEADLINE_EXCEEDED to 504, UNAVAILABLE to 503 and unknown failures to 502 without internals', async () => {
    expectProblem(
      await t.app.inject({ method: 'GET', url: `/v1/items/${ID_SLOW}`, headers: auth(KEYS.reader) }),
      504,
      'upstream_timeout',
    );
    const unavailable = await t.app.inject({ method: 'GET', url: `/v1/items/${ID_BUSY}`, headers: auth(KEYS.reader) });
    const problem = expectProblem(unavailable, 503, 'upstream_unavailable');
    expect(unavailable.headers['retry-after']).toBeDefined();
    expect(JSON.stringify(problem)).not.toContain('10.0.0.5');
    const failed = expectProblem(
      await t.app.inject({ method: 'GET', url: `/v1/items/${ID_BAD}`, headers: auth(KEYS.reader) }),
      502,
      'upstream_error',
    );
    expect(JSON.stringify(failed)).not.toContain('boom');
  });
});

describe('request bodies', () => {
  it('rejects an oversized body with 413, bad JSON with 400 and other media types with 415', async () => {
    const big = JSON.stringify({ items: [{ title: 'x'.repeat(5000) }] });
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/v1/items',
        headers: { ...auth(KEYS.writer), 'content-type': 'application/json' },
        payload: big,
      }),
      413,
      'payload_too_large',
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/v1/items',
        headers: { ...auth(KEYS.writer), 'content-type': 'application/json' },
        payload: '{"items": [',
      }),
      400,
      'invalid_json',
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/v1/items',
        headers: { ...auth(KEYS.writer), 'content-type': 'text/plain' },
        payload: 'hello',
      }),
      415,
      'unsupported_media_type',
    );
  });
});

describe('operations', () => {
  it('keeps a sane X-Request-Id from the client and replaces anything else', async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/v2/x', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    expect(kept.json().request_id).toBe('abc-123');
    const replaced = await t.app.inject({ method: 'GET', url: '/v2/x', headers: { 'x-request-id': 'bad id\u0007' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with 404 problem+json', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/v2/nothing' }), 404, 'not_found');
  });

  it('serves /healthz and /readyz without a key, and no /metrics on the API port (the ops port has them)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expectProblem(await t.app.inject({ method: 'GET', url: '/metrics' }), 404, 'not_found');
    expectProblem(await t.app.inject({ method: 'GET', url: '/metrics', headers: auth(KEYS.admin) }), 404, 'not_found');
    const metrics = { body: await t.registry.metrics() };
    expect(metrics.body).toContain('sluice_gateway_http_requests_total{method="GET",route="/v1/items",status="200"');
    expect(metrics.body).toContain(
      'sluice_gateway_upstream_calls_total{upstream="persistence",code="RESOURCE_EXHAUSTED"',
    );
  });

  it('serves an OpenAPI 3.1 document with the routes and the interactive page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/items',
        '/v1/items/{id}',
        '/v1/search',
        '/v1/embed',
        '/v1/classify',
        '/v1/jobs',
        '/v1/jobs/{id}/events',
        '/v1/sources/{id}',
        '/v1/keys',
        '/v1/webhooks/{source_id}',
      ]),
    );
    expect(doc.components.schemas.Problem.properties.code.anyOf.length).toBeGreaterThan(10);
    expect(doc.paths['/v1/items'].get.responses['429'].content['application/problem+json']).toBeDefined();
    expect(doc.paths['/v1/items'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/healthz']).toBeUndefined();
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('serves an OpenAPI document that a real validator accepts (schema, $refs, operations)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    // validate() dereferences in place: hand it copies.
    const validated = await SwaggerParser.validate(structuredClone(doc));
    expect(Object.keys(validated.paths ?? {})).toEqual(Object.keys(doc.paths));
    // The check is real: the same document with one response stripped of its required description fails.
    const broken = structuredClone(doc);
    delete broken.paths['/v1/items'].get.responses['200'].description;
    await expect(SwaggerParser.validate(broken)).rejects.toThrow(/description/);
  });
});

describe('rate limits', () => {
  it('limits each key to its rate with 429 rate_limited and Retry-After', async () => {
    const limited = await startApp({
      persistencePort: persistence.port,
      settings: testSettings({ rate_limit_per_minute: 60, rate_limit_burst_seconds: 3 }),
    });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 5; i += 1) {
        last = await limited.app.inject({ method: 'GET', url: `/v1/items/${ID_A}`, headers: auth(KEYS.reader) });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expectProblem(last!, 429, 'rate_limited');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // Another key has its own bucket; the bootstrap key is limited by the default rate too.
      expect(
        (await limited.app.inject({ method: 'GET', url: `/v1/items/${ID_A}`, headers: auth(KEYS.admin) })).statusCode,
      ).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
