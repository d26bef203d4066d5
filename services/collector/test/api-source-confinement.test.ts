// Sources managed through the API are confined when the collector runs them, whatever reached persistence:
// file paths stay inside collector.import_directories (no "..", no absolute paths, no symbolic links out), and
// allow_private_network never applies to them. Sources from config/sluice.yaml keep what the operator wrote.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceDefinition__Output } from '@sluice/protocol';
import { HOSTILE_PATHS } from '../../../test/support/hostile-paths.js';
import { sourceSchema, type SourceConfig } from '../src/source-settings.js';
import { definitionToSource } from '../src/source-definitions.js';
import { MemorySourceStateStore } from '../src/source-state-store.js';
import {
  createTestCollector,
  rssFeed,
  startHttpServer,
  startSink,
  testSettings,
  type TestHttpServer,
  type TestSink,
} from './helpers.js';

let base: string;
let imports: string;
let secret: string;
let feeds: TestHttpServer;
let sink: TestSink;

const records = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({ id: `${prefix}-${i}`, title: `${prefix} ${i}`, content: 'text' }),
  ).join('\n') + '\n';

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'sluice-confine-'));
  imports = path.join(base, 'imports');
  mkdirSync(path.join(imports, 'sub'), { recursive: true });
  secret = path.join(base, 'secret.jsonl');
  writeFileSync(secret, records('secret', 5));
  writeFileSync(path.join(base, 'secret.csv'), 'id,title\ns1,secret\n');
  writeFileSync(path.join(imports, 'inside.jsonl'), records('inside', 3));
  writeFileSync(path.join(imports, 'sub', 'inside.csv'), 'id,title\nc1,one\nc2,two\n');
  symlinkSync(secret, path.join(imports, 'link-out.jsonl'));
  symlinkSync(base, path.join(imports, 'up'));
  feeds = await startHttpServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('local', 2)),
  );
  writeFileSync(
    path.join(imports, 'feeds.opml'),
    `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body><outline text="a" xmlUrl="${feeds.url}/rss"/></body></opml>`,
  );
  sink = await startSink();
});

afterAll(async () => {
  await feeds?.close();
  await sink?.close();
  rmSync(base, { recursive: true, force: true });
});

async function runAs(origin: 'config' | 'api', raw: Record<string, unknown>, settings: Record<string, unknown> = {}) {
  const source = sourceSchema.parse({ rate_limit_per_minute: 6000, ...raw });
  const store = new MemorySourceStateStore();
  const t = createTestCollector(testSettings({ import_directories: [imports], ...settings }), sink.address, store);
  t.collector.replaceSources(
    new Map<string, { source: SourceConfig; origin: 'config' | 'api' }>([[source.id, { source, origin }]]),
  );
  try {
    const { results } = await t.run([source.id]);
    const items = sink.items.filter((i) => i.source_id === source.id);
    const deadLetters = sink.deadLetters.filter((d) => d.source_id === source.id);
    return { result: results[0]!, items, deadLetters, errors: store.errors };
  } finally {
    await t.close();
  }
}

let n = 0;
const id = (kind: string) => `${kind}-${++n}`;

describe('API-managed file sources', () => {
  it('read files inside collector.import_directories (jsonl, csv in a sub-folder, opml)', async () => {
    const jsonl = await runAs('api', { id: id('jsonl'), kind: 'jsonl', path: 'inside.jsonl' });
    expect(jsonl.result.outcome).toBe('ok');
    expect(jsonl.items.map((i) => i.title).sort()).toEqual(['inside 0', 'inside 1', 'inside 2']);
    const csv = await runAs('api', { id: id('csv'), kind: 'csv', path: 'sub/inside.csv' });
    expect(csv.items.map((i) => i.title).sort()).toEqual(['one', 'two']);
    // The OPML's feeds are on loopback: the operator allows that network in config, the definition cannot.
    const opml = await runAs(
      'api',
      { id: id('opml'), kind: 'opml', path: 'feeds.opml' },
      { http: { private_network_allowlist: ['127.0.0.0/8'] } },
    );
    expect(opml.result.outcome).toBe('ok');
    expect(opml.items).toHaveLength(2);
  });

  it('are refused every hostile path and every symbolic link out, reading nothing (file_refused source errors)', async () => {
    const attempts = [...HOSTILE_PATHS, secret, 'link-out.jsonl', 'up/secret.jsonl'];
    for (const hostile of attempts) {
      for (const kind of ['jsonl', 'csv', 'opml'] as const) {
        const sourceId = id(kind);
        const run = await runAs('api', { id: sourceId, kind, path: hostile });
        expect(run.result.outcome, `${kind} ${JSON.stringify(hostile)}`).toBe('error');
        expect(run.result.error?.code, `${kind} ${JSON.stringify(hostile)}`).toBe('file_refused');
        expect(run.result.error?.message).toContain('collector.import_directories');
        expect(run.items).toHaveLength(0);
        expect(run.deadLetters).toHaveLength(0);
        expect(run.errors.find((e) => e.source_id === sourceId)?.code).toBe('file_refused');
      }
    }
  });

  it('cannot read files at all when no import folder is configured', async () => {
    const run = await runAs(
      'api',
      { id: id('jsonl'), kind: 'jsonl', path: 'inside.jsonl' },
      { import_directories: [] },
    );
    expect(run.result.error?.code).toBe('file_refused');
    expect(run.result.error?.message).toMatch(/need collector\.import_directories/);
  });

  it("config sources keep the operator's paths (an absolute path outside the folders is read)", async () => {
    const run = await runAs('config', { id: id('jsonl'), kind: 'jsonl', path: secret });
    expect(run.result.outcome).toBe('ok');
    expect(run.items).toHaveLength(5);
  });
});

describe('private networks', () => {
  it('allow_private_network never applies to an API-managed source, even if one carries it', async () => {
    const api = await runAs('api', {
      id: id('feed'),
      kind: 'feed',
      url: `${feeds.url}/rss`,
      allow_private_network: true,
    });
    expect(api.result.error?.code).toBe('ssrf_blocked');
    expect(api.result.error?.message).toContain('private_network_allowlist');
    expect(api.items).toHaveLength(0);
    const config = await runAs('config', {
      id: id('feed'),
      kind: 'feed',
      url: `${feeds.url}/rss`,
      allow_private_network: true,
    });
    expect(config.result.outcome).toBe('ok');
    expect(config.items).toHaveLength(2);
  });

  it('the operator allowlist (host, IP or CIDR) lets API-managed sources reach listed private addresses only', async () => {
    for (const entry of ['127.0.0.1', '127.0.0.0/8', '::ffff:127.0.0.1/128']) {
      const run = await runAs(
        'api',
        { id: id('feed'), kind: 'feed', url: `${feeds.url}/rss` },
        { http: { private_network_allowlist: [entry] } },
      );
      expect(run.result.outcome, entry).toBe('ok');
    }
    const other = await runAs(
      'api',
      { id: id('feed'), kind: 'feed', url: `${feeds.url}/rss` },
      { http: { private_network_allowlist: ['10.0.0.0/8', 'intranet.example'] } },
    );
    expect(other.result.error?.code).toBe('ssrf_blocked');
  });
});

describe('stored definitions', () => {
  const definition = (config: Record<string, unknown>, kind = 'jsonl'): SourceDefinition__Output =>
    ({
      id: 'def',
      kind,
      config_json: JSON.stringify(config),
      enabled: true,
      priority: 5,
      interval_seconds: 600,
      updated_at_ms: 0,
    }) as SourceDefinition__Output;

  it('are skipped, with a message naming the key, when they say what only config/sluice.yaml may say', () => {
    const refused: Array<[Record<string, unknown>, string, string?]> = [
      [{ url: 'https://example.org/feed', allow_private_network: true }, 'config/allow_private_network', 'rss'],
      [{ url: 'https://example.org/feed', allow_private_network: false }, 'config/allow_private_network', 'rss'],
      [{ path: '/etc/passwd' }, 'config/path'],
      [{ path: '../../etc/passwd' }, 'config/path'],
      [{ path: 42 }, 'config/path'],
      [{ url: 'https://api.example.org/x', auth: { env: 'DATABASE_URL' } }, 'config/auth/env', 'http_json'],
      [{ repo: 'a/b', token_env: 'SLUICE_API_KEY' }, 'config/token_env', 'github'],
    ];
    for (const [config, pointer, kind] of refused) {
      const result = definitionToSource(definition(config, kind));
      expect(result.ok, JSON.stringify(config)).toBe(false);
      if (!result.ok) expect(result.error).toContain(pointer);
    }
  });

  it('are accepted with relative paths and SLUICE_SOURCE_* secrets', () => {
    expect(definitionToSource(definition({ path: 'feeds/today.jsonl' })).ok).toBe(true);
    expect(definitionToSource(definition({ repo: 'a/b', token_env: 'SLUICE_SOURCE_GITHUB_TOKEN' }, 'github')).ok).toBe(
      true,
    );
  });
});
