// /console: the built console's files with a strict CSP, the page for the page's own routes, 304 on a matching
// ETag, 404 for missing assets, a 503 page before the console is built, and no path outside the folder.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrpcServer } from '@sluice/protocol';
import { HOSTILE_PATHS } from '../../../test/support/hostile-paths.js';
import { startApp, startPersistenceStandIn, testSettings, type TestApp } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sluice-console-files-'));
let persistence: GrpcServer;
let t: TestApp;

beforeAll(async () => {
  persistence = await startPersistenceStandIn({});
  t = await startApp({ persistencePort: persistence.port, settings: testSettings({ console_directory: dir }) });
});

afterAll(async () => {
  await t?.close();
  await persistence?.shutdown(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('/console', () => {
  it('answers 503 with instructions until the console is built, then serves it without a key', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/console/' });
    expect(before.statusCode).toBe(503);
    expect(before.body).toContain('pnpm sluice prepare');

    mkdirSync(path.join(dir, 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("hi")');
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Sluice console</title>');
    expect((await t.app.inject({ method: 'GET', url: '/console' })).headers.location).toBe('/console/');
    const index = await t.app.inject({ method: 'GET', url: '/console/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('Sluice console');
    // The page's own routes get the page.
    expect((await t.app.inject({ method: 'GET', url: '/console/items/abc' })).body).toBe(index.body);

    const asset = await t.app.inject({ method: 'GET', url: '/console/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    const again = await t.app.inject({
      method: 'GET',
      url: '/console/assets/index-abc123.js',
      headers: { 'if-none-match': String(asset.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect((await t.app.inject({ method: 'GET', url: '/console/assets/missing.js' })).statusCode).toBe(404);

    // A rebuild while the gateway runs is picked up.
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Sluice console v2</title>');
    const future = new Date(Date.now() + 5000);
    const { utimesSync } = await import('node:fs');
    utimesSync(path.join(dir, 'index.html'), future, future);
    expect((await t.app.inject({ method: 'GET', url: '/console/' })).body).toContain('v2');
  });

  it('never serves a file outside the console folder', async () => {
    writeFileSync(path.join(path.dirname(dir), 'sluice-console-secret.txt'), 'TOP-SECRET-CONTENT');
    for (const hostile of [...HOSTILE_PATHS, '../sluice-console-secret.txt', '..%2fsluice-console-secret.txt']) {
      const response = await t.app.inject({ method: 'GET', url: `/console/${hostile}` });
      expect(response.body, hostile).not.toContain('TOP-SECRET-CONTENT');
      if (response.statusCode === 200) expect(response.headers['content-type'], hostile).toMatch(/^text\/html/);
    }
  });
});
