// Politeness and resilience of the HTTP layer against fault-injecting servers on 127.0.0.1.
import zlib from 'node:zlib';
import { createMetricsRegistry } from '@sluice/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceFetchError } from '../src/http/fetch-error.js';
import { HostBreakers } from '../src/http/host-breakers.js';
import { HttpClient } from '../src/http/http-client.js';
import { TokenBucket } from '../src/http/token-bucket.js';
import { CollectorMetrics } from '../src/metrics.js';
import { httpSettingsSchema, breakerSettingsSchema } from '../src/settings.js';
import { quietLogger, startHttpServer, type TestHttpServer } from './helpers.js';

let server: TestHttpServer;
const counters = new Map<string, number>();
const arrivals = new Map<string, number[]>();
const bump = (key: string) => {
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  return n;
};

beforeAll(async () => {
  server = await startHttpServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const key = url.pathname + url.search;
    arrivals.set(key, [...(arrivals.get(key) ?? []), performance.now()]);
    const n = bump(key);
    switch (url.pathname) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'text/plain' }).end('fine');
        return;
      case '/429':
        if (n === 1) res.writeHead(429, { 'retry-after': '1' }).end();
        else res.writeHead(200).end('after 429');
        return;
      case '/503':
        if (n === 1) res.writeHead(503, { 'retry-after': new Date(Date.now() + 2000).toUTCString() }).end();
        else res.writeHead(200).end('after 503');
        return;
      case '/quota':
        if (n === 1)
          res
            .writeHead(403, {
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
            })
            .end();
        else res.writeHead(200).end('quota again');
        return;
      case '/429-long':
        res.writeHead(429, { 'retry-after': '3600' }).end();
        return;
      case '/burst':
        if (n <= 2) res.writeHead(500).end('burst');
        else res.writeHead(200).end('recovered');
        return;
      case '/404':
        res.writeHead(404).end('missing');
        return;
      case '/reset':
        if (n === 1) req.socket.destroy();
        else res.writeHead(200).end('after reset');
        return;
      case '/slow':
        setTimeout(() => res.writeHead(200).end('late'), 2_000).unref();
        return;
      case '/huge':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(Buffer.alloc(300 * 1024, 97));
        return;
      case '/huge-gzip':
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync(Buffer.alloc(2 * 1024 * 1024, 97))); // a small zip bomb
        return;
      case '/gzip':
        res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync('compressed body'));
        return;
      case '/loop-a':
        res.writeHead(302, { location: '/loop-b' }).end();
        return;
      case '/loop-b':
        res.writeHead(302, { location: '/loop-a' }).end();
        return;
      case '/chain':
        res.writeHead(301, { location: `/chain?n=${Number(url.searchParams.get('n') ?? 0) + 1}` }).end();
        return;
      case '/to-ip':
        res.writeHead(302, { location: `http://127.0.0.1:${server.port}/ok` }).end();
        return;
      case '/etag':
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
        else res.writeHead(200, { etag: '"v1"', 'last-modified': 'Tue, 10 Nov 2026 10:00:00 GMT' }).end('versioned');
        return;
      case '/down':
        res.writeHead(502).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
});
afterAll(() => server.close());

function client(overrides: Record<string, unknown> = {}, breaker: Record<string, unknown> = {}) {
  const registry = createMetricsRegistry('http-test');
  const metrics = new CollectorMetrics(registry);
  const settings = httpSettingsSchema.parse({
    max_retries: 2,
    initial_backoff_milliseconds: 20,
    max_backoff_milliseconds: 100,
    request_timeout_milliseconds: 1_000,
    max_response_bytes: 100 * 1024,
    host_rate_limit_per_second: 1000,
    host_rate_limit_burst: 1000,
    ...overrides,
  });
  const breakers = new HostBreakers(
    breakerSettingsSchema.parse({ volume_threshold: 3, reset_timeout_milliseconds: 400, ...breaker }),
    quietLogger,
    metrics,
  );
  return { http: new HttpClient(settings, breakers, quietLogger, metrics), metrics, registry, breakers };
}

async function failure(promise: Promise<unknown>): Promise<SourceFetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceFetchError);
    return error as SourceFetchError;
  }
  throw new Error('expected the request to fail');
}

const open = { allowPrivate: true };

describe('HttpClient', () => {
  it('honours Retry-After on 429 (delta seconds) and 503 (HTTP date)', async () => {
    const { http } = client();
    const started = performance.now();
    const response = await http.get(`${server.url}/429`, open);
    expect(response.body.toString()).toBe('after 429');
    const [first, second] = arrivals.get('/429')!;
    expect(second! - first!).toBeGreaterThanOrEqual(950);
    const r503 = await http.get(`${server.url}/503`, open);
    expect(r503.body.toString()).toBe('after 503');
    const [a, b] = arrivals.get('/503')!;
    expect(b! - a!).toBeGreaterThanOrEqual(900); // the date has one-second resolution
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);
    await http.close();
  });

  it('treats a 403 with an exhausted quota (x-ratelimit-remaining: 0) as rate limited until the reset', async () => {
    const { http } = client();
    expect((await http.get(`${server.url}/quota`, open)).body.toString()).toBe('quota again');
    const [a, b] = arrivals.get('/quota')!;
    expect(b! - a!).toBeGreaterThanOrEqual(900); // the reset is 1-2 s away
    expect(counters.get('/quota')).toBe(2);
    await http.close();
  });

  it('fails at once when Retry-After is longer than max_retry_after_seconds', async () => {
    const { http } = client({ max_retry_after_seconds: 5 });
    const error = await failure(http.get(`${server.url}/429-long`, open));
    expect(error.code).toBe('rate_limited');
    expect(counters.get('/429-long')).toBe(1);
    await http.close();
  });

  it('retries 5xx bursts and connection resets with backoff, but never a 404', async () => {
    const { http, registry } = client({}, { volume_threshold: 100 });
    expect((await http.get(`${server.url}/burst`, open)).body.toString()).toBe('recovered');
    expect(counters.get('/burst')).toBe(3);
    expect((await http.get(`${server.url}/reset`, open)).body.toString()).toBe('after reset');
    expect(counters.get('/reset')).toBe(2);
    const notFound = await failure(http.get(`${server.url}/404`, open));
    expect(notFound).toMatchObject({ code: 'http_status', httpStatus: 404 });
    expect(counters.get('/404')).toBe(1);
    const metrics = await registry.getSingleMetricAsString('sluice_collector_retries_total');
    expect(metrics).toMatch(/reason="backoff",[^}]*} 3/);
    await http.close();
  });

  it('times out slow responses and limits body size, also after decompression', async () => {
    const { http } = client({ max_retries: 0, request_timeout_milliseconds: 300 });
    const slow = await failure(http.get(`${server.url}/slow`, open));
    expect(slow.code).toBe('timeout');
    expect((await failure(http.get(`${server.url}/huge`, open))).code).toBe('too_large');
    expect((await failure(http.get(`${server.url}/huge-gzip`, open))).code).toBe('too_large');
    expect((await http.get(`${server.url}/gzip`, open)).body.toString()).toBe('compressed body');
    await http.close();
  });

  it('bounds redirects and detects loops', async () => {
    const { http } = client({ max_redirects: 3 });
    expect((await failure(http.get(`${server.url}/loop-a`, open))).code).toBe('redirect_loop');
    expect((await failure(http.get(`${server.url}/chain`, open))).code).toBe('too_many_redirects');
    expect(counters.get('/chain?n=3')).toBe(1);
    expect(counters.get('/chain?n=4')).toBeUndefined();
    await http.close();
  });

  it('sends conditional GET validators and reports 304 Not Modified', async () => {
    const { http } = client();
    const first = await http.get(`${server.url}/etag`, open);
    expect(first.notModified).toBe(false);
    expect(first.headers.etag).toBe('"v1"');
    const second = await http.get(`${server.url}/etag`, { ...open, etag: '"v1"' });
    expect(second.notModified).toBe(true);
    expect(second.body.length).toBe(0);
    await http.close();
  });

  it('refuses loopback unless allowed, checks after DNS, and re-checks every redirect hop', async () => {
    const { http } = client();
    const blocked = await failure(http.get(`${server.url}/ok`, { allowPrivate: false }));
    expect(blocked.code).toBe('ssrf_blocked');
    const byName = await failure(http.get(`http://localhost:${server.port}/ok`, { allowPrivate: false }));
    expect(byName.code).toBe('ssrf_blocked');
    await http.close();
    // The host name "localhost" is allowed by the operator's list; 127.0.0.1 (where its redirect goes) is not.
    const allowName = client({ private_network_allowlist: ['localhost'] });
    expect(
      (await allowName.http.get(`http://localhost:${server.port}/ok`, { allowPrivate: false })).body.toString(),
    ).toBe('fine');
    const hop = await failure(allowName.http.get(`http://localhost:${server.port}/to-ip`, { allowPrivate: false }));
    expect(hop.code).toBe('ssrf_blocked');
    expect(counters.get('/to-ip')).toBe(1);
    await allowName.http.close();
  });

  it('opens the host breaker after repeated failures, skips the host, and closes after a half-open probe', async () => {
    const { http, registry, breakers } = client(
      { max_retries: 0 },
      { volume_threshold: 3, error_threshold_percentage: 50, reset_timeout_milliseconds: 300 },
    );
    for (let i = 0; i < 3; i++) expect((await failure(http.get(`${server.url}/down`, open))).code).toBe('http_status');
    const host = `127.0.0.1:${server.port}`;
    expect(breakers.state(host)).toBe('open');
    const before = counters.get('/down');
    expect((await failure(http.get(`${server.url}/down`, open))).code).toBe('circuit_open');
    expect((await failure(http.get(`${server.url}/ok`, open))).code).toBe('circuit_open');
    expect(counters.get('/down')).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await http.get(`${server.url}/ok`, open)).body.toString()).toBe('fine');
    expect(breakers.state(host)).toBe('closed');
    const transitions = await registry.getSingleMetricAsString('sluice_collector_breaker_transitions_total');
    expect(transitions).toMatch(/state="open",[^}]*} 1/);
    expect(transitions).toMatch(/state="half_open",[^}]*} 1/);
    expect(transitions).toMatch(/state="closed",[^}]*} 1/);
    await http.close();
  });

  it('shares one token bucket per host between all sources on it', async () => {
    const { http } = client({ host_rate_limit_per_second: 10, host_rate_limit_burst: 1 });
    const started = performance.now();
    // Five different sources (each with its own generous limiter) on the same host.
    await Promise.all(
      Array.from({ length: 5 }, () =>
        http.get(`${server.url}/ok?host`, { ...open, limiter: new TokenBucket(100, 10) }),
      ),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    await http.close();
  });

  it('spaces requests by the source rate limit', async () => {
    const { http } = client();
    const limiter = new TokenBucket(10, 1); // 10 per second, no burst
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => http.get(`${server.url}/ok?rl`, { ...open, limiter })));
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    const times = arrivals.get('/ok?rl')!;
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(80);
    await http.close();
  });
});
