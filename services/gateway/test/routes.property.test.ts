// Property tests over every route of the app (its own route table): hostile path parameters, query strings
// (known and unknown keys, raw bytes, broken percent-encoding, SQL-looking strings, huge numbers) and JSON or
// raw bodies. Whatever arrives, the answer is a success or a problem+json with a code from the registry — never
// a 500, never a stack trace — and the gateway keeps answering.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrpcServer } from '@sluice/protocol';
import { fuzzRuns } from '../../../test/support/fuzz-runs.js';
import { hostileJson, hostileString } from '../../../test/support/hostile-values.js';
import { ERROR_CODES } from '../src/errors.js';
import { KEYS, auth, startApp, startPersistenceStandIn, startSink, testSettings, type TestApp } from './helpers.js';

let persistence: GrpcServer;
let sink: GrpcServer;
let t: TestApp;

beforeAll(async () => {
  // A persistence that answers reads with nothing, so requests that pass validation reach real handler code.
  persistence = await startPersistenceStandIn({
    ListItems: () => ({ items: [], next_cursor: '' }),
    GetItem: () => ({ found: false }),
    GetSourceState: () => ({ states: [] }),
    ListSourceErrors: () => ({ errors: [] }),
  });
  sink = await startSink(async (batch) => ({
    batch_id: batch.batch_id,
    item_ids: batch.items.map((i) => i.raw!.id),
    inserted: batch.items.length,
  }));
  t = await startApp({
    persistencePort: persistence.port,
    sinkPort: sink.port,
    settings: testSettings({
      upstream_timeout_milliseconds: 300,
      rate_limit_per_minute: 0,
      push_ack_wait_milliseconds: 200,
    }),
  });
});

afterAll(async () => {
  await t?.close();
  await persistence?.shutdown(0);
  await sink?.shutdown(0);
});

const KNOWN_KEYS = [
  'limit',
  'cursor',
  'source',
  'label',
  'topic',
  'sentiment',
  'language',
  'min_score',
  'since',
  'until',
  'text',
  'sort',
  'fields',
  'q',
  'k',
  'status',
  'kind',
  'source_id',
  'model',
  'id',
];
const queryKey = fc.oneof(fc.constantFrom(...KNOWN_KEYS), hostileString);
/** Pieces a query string may hold that no encoder would write. */
const rawQuery = fc.constantFrom(
  '%',
  '%zz',
  '%ff%fe',
  '&&&',
  '===',
  'a=%E0%A4%A',
  'limit=1&limit=2&limit=x',
  'source[]=a',
  'source[0][__proto__]=x',
  '__proto__[polluted]=1',
  'a'.repeat(8000),
);

/** Percent-encodes every UTF-8 byte (lone surrogates become U+FFFD, as any HTTP client would send them). */
const encode = (value: string) =>
  [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function expectClearAnswer(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  where: string,
) {
  expect(response.statusCode, `${where}: ${response.body.slice(0, 300)}`).not.toBe(500);
  expect(response.statusCode, where).toBeLessThan(600);
  if (response.statusCode >= 400) {
    expect(response.headers['content-type'], where).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(response.body) as { code: string };
    expect(ERROR_CODES, where).toContain(problem.code);
    expect(response.body, where).not.toMatch(/\bat .*\.[jt]s:\d+|node_modules/);
  }
}

describe('every route', () => {
  it('answers hostile parameters, query strings and bodies clearly', async () => {
    const routes = t.app.routeTable.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/docs'));
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(queryKey, hostileString), { maxLength: 5 }),
          fc.option(rawQuery, { nil: undefined }),
          hostileString,
          fc.oneof(
            hostileJson.map((value) => JSON.stringify(value) ?? 'null'),
            fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
            fc.constant(undefined),
          ),
          async (pairs, raw, param, body) => {
            const path = route.url.replace(/:[A-Za-z_]+/g, () => encode(param) || 'x');
            const query = [...pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`), ...(raw ? [raw] : [])].join('&');
            const url = query ? `${path}?${query}` : path;
            const withBody = body !== undefined && route.method !== 'GET' && route.method !== 'DELETE';
            const response = await t.app.inject({
              method: route.method as 'GET',
              url,
              headers: { ...auth(KEYS.admin), ...(withBody ? { 'content-type': 'application/json' } : {}) },
              ...(withBody ? { payload: body } : {}),
            });
            expectClearAnswer(response, `${route.method} ${url.slice(0, 200)}`);
          },
        ),
        { numRuns: fuzzRuns(10) },
      );
    }
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it("answers the typed routes' bodies made of hostile values clearly", async () => {
    const shaped = fc.oneof(
      fc
        .record({
          items: fc.array(
            fc.dictionary(
              fc.constantFrom(
                'title',
                'url',
                'content',
                'published_at',
                'priority',
                'tags',
                'external_id',
                'language',
                'engagement',
              ),
              hostileJson,
            ),
            { minLength: 1, maxLength: 3 },
          ),
        })
        .map((b) => ['POST', '/v1/items', b] as const),
      fc
        .record({
          kind: fc.constantFrom('rss', 'jsonl', 'csv', 'opml', 'github', 'http_json', hostileString),
          config: fc.dictionary(
            fc.constantFrom('url', 'path', 'allow_private_network', 'token_env', 'auth', 'headers'),
            hostileJson,
          ),
        })
        .map((b) => ['PUT', '/v1/sources/fuzz', b] as const),
      fc
        .record({
          kind: fc.constantFrom('import', 'collect'),
          path: hostileString,
          source_ids: fc.array(hostileString, { maxLength: 3 }),
        })
        .map((b) => ['POST', '/v1/jobs', b] as const),
      fc
        .record({
          name: hostileString,
          scopes: fc.array(fc.oneof(fc.constantFrom('read', 'write', 'admin'), hostileString), { maxLength: 4 }),
        })
        .map((b) => ['POST', '/v1/keys', b] as const),
      fc
        .record({ texts: fc.array(hostileString, { maxLength: 3 }), model: hostileString })
        .map((b) => ['POST', '/v1/embed', b] as const),
    );
    await fc.assert(
      fc.asyncProperty(shaped, async ([method, url, body]) => {
        const response = await t.app.inject({ method, url, headers: auth(KEYS.admin), payload: body as object });
        expectClearAnswer(response, `${method} ${url} ${JSON.stringify(body).slice(0, 200)}`);
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});
