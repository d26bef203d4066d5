// Pure parts: the error mapping, rate limiter, key lookup cache, time parsing, webhook field mapping, what a
// dead-letter replay sends, and the gateway section of config/sluice.yaml.
import { describe, expect, it } from 'vitest';
import { grpc } from '@sluice/protocol';
import { loadServiceConfig } from '@sluice/service-kit';
import { Authenticator, bearerToken, hashKey, type Principal } from '../src/auth.js';
import { replayItem } from '../src/dead-letter-replay.js';
import { ApiError, ERRORS, fromGrpcError } from '../src/errors.js';
import { parseTime } from '../src/push-items.js';
import { RateLimiter } from '../src/rate-limiter.js';
import { gatewaySettingsSchema } from '../src/settings.js';
import { toPushItem, webhookRecords } from '../src/webhook-items.js';
import { grpcError } from './helpers.js';

describe('error registry', () => {
  it('maps gRPC status codes to HTTP problems', () => {
    const cases: Array<[grpc.status, string, number]> = [
      [grpc.status.INVALID_ARGUMENT, 'invalid_parameter', 422],
      [grpc.status.NOT_FOUND, 'item_not_found', 404],
      [grpc.status.ALREADY_EXISTS, 'conflict', 409],
      [grpc.status.FAILED_PRECONDITION, 'conflict', 409],
      [grpc.status.RESOURCE_EXHAUSTED, 'overloaded', 429],
      [grpc.status.UNAVAILABLE, 'upstream_unavailable', 503],
      [grpc.status.DEADLINE_EXCEEDED, 'upstream_timeout', 504],
      [grpc.status.UNIMPLEMENTED, 'not_implemented', 501],
      [grpc.status.INTERNAL, 'upstream_error', 502],
      [grpc.status.UNKNOWN, 'upstream_error', 502],
    ];
    for (const [code, apiCode, status] of cases) {
      const error = fromGrpcError(grpcError(code, 'detail'), 'persistence', 'item_not_found');
      expect(error.code, grpc.status[code]).toBe(apiCode);
      expect(error.status).toBe(status);
    }
    expect(fromGrpcError(new TypeError('x'), 'persistence').code).toBe('internal_error');
    expect(fromGrpcError(grpcError(grpc.status.RESOURCE_EXHAUSTED, 'x'), 'inference').extra.retryAfterSeconds).toBe(1);
  });

  it('gives every code a 4xx/5xx status and a title', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.title.length, code).toBeGreaterThan(5);
      expect(new ApiError(code as keyof typeof ERRORS).status).toBe(entry.status);
    }
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then refills at the steady rate', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 10, () => now);
    const take = () => limiter.take('k', 60).allowed; // 1/s, burst 2
    expect([take(), take(), take()]).toEqual([true, true, false]);
    expect(limiter.take('k', 60).retryAfterSeconds).toBe(1);
    now = 1000;
    expect([take(), take()]).toEqual([true, false]);
    expect(limiter.take('other', 60).allowed).toBe(true);
    expect(limiter.take('k', 0)).toMatchObject({ allowed: true, limitPerMinute: 0 });
  });
});

describe('Authenticator', () => {
  it('checks static keys first and caches store lookups, known and unknown', async () => {
    let lookups = 0;
    const principal: Principal = { id: 'key:1', name: 'one', scopes: new Set(['read']), rateLimitPerMinute: 0 };
    const store = {
      verify: async (hash: string) => (lookups++, hash === hashKey('stored-key') ? principal : undefined),
    };
    const auth = new Authenticator({ bootstrapKey: 'boot', store, cacheSeconds: 60 });
    expect((await auth.authenticate('boot'))?.scopes.has('admin')).toBe(true);
    expect(lookups).toBe(0);
    expect(await auth.authenticate('stored-key')).toBe(principal);
    expect(await auth.authenticate('stored-key')).toBe(principal);
    expect(await auth.authenticate('nope')).toBeUndefined();
    expect(await auth.authenticate('nope')).toBeUndefined();
    expect(lookups).toBe(2);
    auth.invalidate();
    await auth.authenticate('stored-key');
    expect(lookups).toBe(3);
  });

  it('reads bearer tokens and X-API-Key', () => {
    expect(bearerToken({ authorization: 'Bearer abc' })).toBe('abc');
    expect(bearerToken({ authorization: 'bearer   abc ' })).toBe('abc');
    expect(bearerToken({ authorization: 'Basic abc' })).toBeUndefined();
    expect(bearerToken({ 'x-api-key': 'k' })).toBe('k');
    expect(bearerToken({})).toBeUndefined();
  });
});

describe('parseTime', () => {
  it('accepts ISO 8601 and Unix milliseconds only', () => {
    expect(parseTime('2025-01-02T03:04:05Z')).toBe(Date.UTC(2025, 0, 2, 3, 4, 5));
    expect(parseTime('2025-01-02')).toBe(Date.UTC(2025, 0, 2));
    expect(parseTime('1700000000000')).toBe(1_700_000_000_000);
    expect(parseTime(5)).toBe(5);
    expect(parseTime('yesterday')).toBeNaN();
    expect(parseTime('1')).toBe(1);
    expect(parseTime('Tue, 1 Jan')).toBeNaN();
  });
});

describe('webhook mapping', () => {
  it('finds the records and maps common field names', () => {
    expect(webhookRecords([{ a: 1 }, 'x', { b: 2 }])).toHaveLength(2);
    expect(webhookRecords({ data: [{ a: 1 }] })).toEqual([{ a: 1 }]);
    expect(webhookRecords({ title: 'one' })).toEqual([{ title: 'one' }]);
    expect(webhookRecords('text')).toEqual([]);
    const item = toPushItem({
      guid: 42,
      link: 'https://x.org/a',
      subject: 'S',
      body: '<p>b</p>',
      description: 'd',
      user: { name: 'Ann' },
      timestamp: 1_700_000_000,
      categories: ['a', 7, null],
    });
    expect(item).toEqual({
      external_id: '42',
      url: 'https://x.org/a',
      title: 'S',
      content: '<p>b</p>',
      summary: 'd',
      author: 'Ann',
      published_at: 1_700_000_000_000,
      tags: ['a', '7'],
    });
    expect(toPushItem({ date: '2025-01-01T00:00:00Z', text: 't' })).toEqual({
      content: 't',
      published_at: '2025-01-01T00:00:00Z',
    });
  });
});

describe('configuration', () => {
  it('the gateway section of config/sluice.yaml is valid and matches the defaults', () => {
    const config = loadServiceConfig('gateway', gatewaySettingsSchema, { env: {} });
    expect(config.settings).toEqual(gatewaySettingsSchema.parse({}));
    expect(() => gatewaySettingsSchema.parse({ body_limit_byte: 10 })).toThrow(/body_limit_byte/);
  });
});

describe('dead-letter replay', () => {
  it('sends only the raw part of a stage payload, and nothing for a record the collector could not read', () => {
    const raw = { id: 'a'.repeat(32), source_id: 'feed', title: 'T', content: 'body' };
    const payload = JSON.stringify({
      raw,
      normalized: { text: 'old' },
      embedding: { model: 'm', values: [1] },
      score: { value: 1 },
    });
    expect(replayItem(payload)).toEqual({ raw });
    expect(replayItem(JSON.stringify({ title: 'a feed entry without an id', source_id: 'feed' }))).toBeUndefined();
    expect(replayItem(JSON.stringify({ raw: { id: '', source_id: 'feed' } }))).toBeUndefined();
    expect(replayItem('{not json')).toBeUndefined();
    expect(replayItem('')).toBeUndefined();
  });
});
