// Bodies that attack the server rather than carry data, over real HTTP on 127.0.0.1: 100 MB streamed at every
// JSON route (413 after the limit, without buffering the rest), deeply nested JSON, prototype-pollution keys,
// invalid UTF-8, huge numbers. Each gets a clear problem+json and the gateway keeps serving.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrpcServer } from '@sluice/protocol';
import { KEYS, startApp, startPersistenceStandIn, startSink, testSettings, type TestApp } from './helpers.js';

let persistence: GrpcServer;
let sink: GrpcServer;
let t: TestApp;
let port: number;

beforeAll(async () => {
  persistence = await startPersistenceStandIn({});
  sink = await startSink(async (batch) => ({
    batch_id: batch.batch_id,
    item_ids: batch.items.map((i) => i.raw!.id),
    inserted: batch.items.length,
  }));
  t = await startApp({
    persistencePort: persistence.port,
    sinkPort: sink.port,
    settings: testSettings({ body_limit_bytes: 1_048_576, upstream_timeout_milliseconds: 500 }),
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await t?.close();
  await persistence?.shutdown(0);
  await sink?.shutdown(0);
});

interface Answer {
  status: number;
  type: string;
  body: string;
  /** Bytes the client managed to send before the server answered or closed. */
  sent: number;
}

/** Streams `total` bytes of a JSON-looking body in 64 kB chunks; stops when the server answers or closes. */
function streamBody(method: string, path: string, total: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { authorization: `Bearer ${KEYS.admin}`, 'content-type': 'application/json' },
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: String(response.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString(),
            sent,
          }),
        );
      },
    );
    request.on('error', (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const head = Buffer.from('{"items":[{"title":"');
    const pump = () => {
      while (!answered && sent < total) {
        const piece = sent === 0 ? head : chunk;
        sent += piece.length;
        if (!request.write(piece)) return void request.once('drain', pump);
      }
      if (!answered) request.end('"}]}');
    };
    pump();
  });
}

function expectProblem(answer: { status: number; type: string; body: string }, status: number, code: string) {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(answer.body)).toMatchObject({ status, code });
}

describe('100 MB bodies', () => {
  it('are refused with 413 payload_too_large at every JSON route, without reading or buffering them whole', async () => {
    const routes: Array<[string, string]> = [
      ['POST', '/v1/items'],
      ['POST', '/v1/webhooks/hooks'],
      ['PUT', '/v1/sources/big'],
      ['POST', '/v1/embed'],
      ['POST', '/v1/classify'],
      ['POST', '/v1/keys'],
      ['POST', '/v1/jobs'],
    ];
    const rssBefore = process.memoryUsage().rss;
    for (const [method, path] of routes) {
      const started = performance.now();
      const answer = await streamBody(method, path, 100 * 1024 * 1024);
      expectProblem(answer, 413, 'payload_too_large');
      expect(performance.now() - started, `${method} ${path}`).toBeLessThan(20_000);
    }
    // Buffering even one body whole would add 100 MB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(80 * 1024 * 1024);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('hostile JSON', () => {
  const post = (path: string, payload: string | Buffer, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: path,
      headers: { authorization: `Bearer ${KEYS.admin}`, 'content-type': contentType },
      payload,
    });

  it('answers deeply nested JSON (a million levels) with 400, on typed and free-form bodies', async () => {
    for (const depth of [10_000, 1_000_000]) {
      const arrays = '['.repeat(depth) + ']'.repeat(depth);
      const objects = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      for (const [path, body] of [
        ['/v1/items', `{"items":${arrays}}`],
        ['/v1/items', `{"items":[${objects}]}`],
        ['/v1/webhooks/deep', arrays],
        ['/v1/webhooks/deep', objects],
      ] as const) {
        const response = await post(path, body);
        expect(response.statusCode, `${path} depth ${depth}: ${response.body.slice(0, 200)}`).toBeGreaterThanOrEqual(
          400,
        );
        expect(response.statusCode).toBeLessThan(500);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
  });

  it("answers an over-long path parameter and a malformed URL with problem+json, not the router's own JSON", async () => {
    for (const url of [`/v1/items/${'a'.repeat(5000)}`, '/v1/items/%E0%A4%A', '/v1/sources/%ff%fe/run']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${KEYS.admin}` } });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
    }
  });

  it('refuses prototype-pollution keys and leaves Object.prototype alone', async () => {
    for (const body of [
      '{"items":[{"title":"x","__proto__":{"polluted":1}}]}',
      '{"items":[{"title":"x","constructor":{"prototype":{"polluted":1}}}]}',
      '{"__proto__":{"polluted":1},"title":"x"}',
    ]) {
      const response = await post(body.startsWith('{"items"') ? '/v1/items' : '/v1/webhooks/proto', body);
      expect(response.statusCode, body).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers invalid UTF-8, control characters and huge numbers with a clear 4xx or a stored item, never 500', async () => {
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"items":[{"title":"'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      Buffer.from('"}]}'),
    ]);
    const cases: Array<[string, string | Buffer]> = [
      ['/v1/items', invalidUtf8],
      ['/v1/items', '{"items":[{"title":"a\u0000b\u0007c\u001b[31m"}]}'],
      ['/v1/items', '{"items":[{"title":"x","priority":1e308}]}'],
      ['/v1/items', '{"items":[{"title":"x","priority":123456789012345678901234567890}]}'],
      ['/v1/items', '{"items":[{"title":"x","published_at":-1e300}]}'],
      ['/v1/items', '{"items":[{"title":"x","engagement":{"points":1e400}}]}'],
      ['/v1/webhooks/nums', '{"id":1e309,"title":"x","published_at":99999999999999999999999}'],
      ['/v1/items', Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])],
    ];
    for (const [path, body] of cases) {
      const response = await post(path, body);
      expect(response.statusCode, `${path} ${String(body).slice(0, 60)}: ${response.body.slice(0, 200)}`).not.toBe(500);
      if (response.statusCode >= 400) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const wrongType = await post('/v1/items', '{"items":[{"title":"x"}]}', 'text/plain');
    expectProblem(
      { status: wrongType.statusCode, type: String(wrongType.headers['content-type']), body: wrongType.body },
      415,
      'unsupported_media_type',
    );
  });
});
