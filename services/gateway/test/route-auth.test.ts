// Every route of the app, as the app itself registered them (buildApp's route table), without a key, with
// wrong keys and with every combination of scopes that lacks the route's scope: 401/403 problem+json each time.
// A route added later is in the table too, so it cannot escape these tests. Public routes are an explicit list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrpcServer } from '@sluice/protocol';
import { hashKey } from '../src/auth.js';
import { SCOPES, type Scope } from '../src/settings.js';
import { KEYS, auth, startApp, startPersistenceStandIn, testSettings, type TestApp } from './helpers.js';

/** Routes anyone may call: probes, the API's own documentation and the web console's static files. */
const PUBLIC = new Set(['/healthz', '/readyz', '/openapi.json', '/console', '/console/*']);
const isPublic = (url: string) => PUBLIC.has(url) || url === '/docs' || url.startsWith('/docs/');

/** Every non-empty set of scopes, as a configured key. */
const SCOPE_SETS: Scope[][] = [];
for (let mask = 1; mask < 1 << SCOPES.length; mask++) SCOPE_SETS.push(SCOPES.filter((_, i) => mask & (1 << i)));
const keyFor = (scopes: Scope[]) => `test-key-${scopes.join('-')}-0123456789abcdef0123456789`;

let persistence: GrpcServer;
let t: TestApp;

beforeAll(async () => {
  persistence = await startPersistenceStandIn({});
  const api_keys = SCOPE_SETS.map((scopes) => ({
    name: scopes.join('+'),
    sha256: hashKey(keyFor(scopes)),
    scopes,
    rate_limit_per_minute: 0,
  }));
  t = await startApp({
    persistencePort: persistence.port,
    settings: testSettings({ api_keys, upstream_timeout_milliseconds: 300, rate_limit_per_minute: 0 }),
  });
});

afterAll(async () => {
  await t?.close();
  await persistence?.shutdown(0);
});

/** A concrete URL for a route template (values are never validated before the key is). */
const concrete = (url: string) => url.replace(/:[A-Za-z_]+/g, 'abcdef0123456789abcdef0123456789').replace(/\*$/, 'x');

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
  where: string,
) {
  expect(response.statusCode, `${where}: ${response.body}`).toBe(status);
  expect(response.headers['content-type'], where).toMatch(/^application\/problem\+json/);
  // HEAD answers carry the status and headers only.
  if (!where.startsWith('HEAD '))
    expect(JSON.parse(response.body), where).toMatchObject({ status, code, type: `urn:sluice:problem:${code}` });
}

describe('every route', () => {
  it('is in the route table, and only the documented routes are public', () => {
    const table = t.app.routeTable;
    expect(table.length).toBeGreaterThan(20);
    for (const route of table) {
      if (isPublic(route.url)) expect(route.scope, `${route.method} ${route.url}`).toBe('public');
      else expect(route.scope, `${route.method} ${route.url} must need a key`).not.toBe('public');
    }
    // The API port has no /metrics (it is on the ops port).
    expect(table.some((r) => r.url === '/metrics')).toBe(false);
  });

  it('answers 401 missing_api_key without a key, and for keys sent the wrong way', async () => {
    for (const route of t.app.routeTable.filter((r) => r.scope !== 'public')) {
      const url = concrete(route.url);
      const where = `${route.method} ${route.url}`;
      for (const headers of [
        {},
        { authorization: '' },
        { authorization: 'Bearer' },
        { authorization: `Basic ${Buffer.from(`x:${KEYS.admin}`).toString('base64')}` },
        { 'x-api-key': '' },
      ]) {
        expectProblem(
          await t.app.inject({ method: route.method as 'GET', url, headers }),
          401,
          'missing_api_key',
          `${where} ${JSON.stringify(headers)}`,
        );
      }
      // A key in the query string is not a key.
      expectProblem(
        await t.app.inject({ method: route.method as 'GET', url: `${url}?api_key=${KEYS.admin}` }),
        401,
        'missing_api_key',
        `${where} ?api_key`,
      );
    }
  });

  it("answers 401 invalid_api_key for unknown keys, a key's hash, and near misses of a real key", async () => {
    const configured = keyFor(['read', 'write', 'admin']);
    const wrong = [
      'not-a-key',
      hashKey(configured),
      configured.toUpperCase(),
      `${configured}x`,
      configured.slice(0, -1),
      `${KEYS.admin}\u00e9`,
    ];
    for (const route of t.app.routeTable.filter((r) => r.scope !== 'public')) {
      for (const key of wrong) {
        expectProblem(
          await t.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers: auth(key) }),
          401,
          'invalid_api_key',
          `${route.method} ${route.url} with ${key}`,
        );
      }
    }
  });

  it("answers 403 insufficient_scope for every set of scopes that lacks the route's scope, and passes the others", async () => {
    let checked = 0;
    for (const route of t.app.routeTable.filter((r) => r.scope !== 'public')) {
      for (const scopes of SCOPE_SETS) {
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: concrete(route.url),
          headers: auth(keyFor(scopes)),
        });
        const where = `${route.method} ${route.url} (needs ${route.scope}) with [${scopes.join(', ')}]`;
        if (scopes.includes(route.scope as Scope)) {
          expect([401, 403], `${where}: ${response.body}`).not.toContain(response.statusCode);
        } else {
          expectProblem(response, 403, 'insufficient_scope', where);
          if (route.method !== 'HEAD') expect(JSON.parse(response.body).detail).toContain(`"${route.scope}"`);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('lets public routes through without a key', async () => {
    for (const route of t.app.routeTable.filter(
      (r) => r.scope === 'public' && !r.url.includes('*') && !r.url.includes(':'),
    )) {
      const response = await t.app.inject({ method: route.method as 'GET', url: route.url });
      expect([401, 403], `${route.method} ${route.url}`).not.toContain(response.statusCode);
    }
  });
});
