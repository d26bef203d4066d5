// The Collector gRPC service end to end in one process: feeds over real HTTP (good, 500, malformed XML) and
// a JSONL file run concurrently into a real gRPC sink; RunSources streams progress until all is acknowledged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  call,
  connect,
  deadlineIn,
  runService,
  type CollectorClient,
  type grpc,
  type RunningService,
  type RunProgress__Output,
} from '@sluice/protocol';
import { createTestDatabase, startStack, type Stack, type TestDatabase } from '@sluice/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { buildCollectorService } from '../src/service.js';
import { collectorSettingsSchema } from '../src/settings.js';
import {
  atomFeed,
  collectorOnlyServices,
  rssFeed,
  startHttpServer,
  startSink,
  type TestHttpServer,
  type TestSink,
} from './helpers.js';

let feeds: TestHttpServer;
let sink: TestSink;
let service: RunningService;
let client: CollectorClient;
let dir: string;
let db: TestDatabase;
let stack: Stack;

function runSources(request: { source_ids?: string[]; wait_until_done: boolean }): Promise<RunProgress__Output[]> {
  return new Promise((resolve, reject) => {
    const messages: RunProgress__Output[] = [];
    const call = client.RunSources(request, { deadline: deadlineIn(30_000) });
    call.on('data', (m: RunProgress__Output) => messages.push(m));
    call.on('error', reject);
    call.on('end', () => resolve(messages));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-collector-'));
  feeds = await startHttpServer((req, res) => {
    if (req.url === '/rss') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(rssFeed('rss', 30, { relative: true }));
    } else if (req.url === '/atom') {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      res.end(atomFeed('atom', 10));
    } else if (req.url === '/fail') {
      res.writeHead(500).end('boom');
    } else if (req.url === '/bad') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss><channel><title>broken</title'); // no item even a lenient parser could read
    } else res.writeHead(404).end();
  });
  sink = await startSink();
  db = await createTestDatabase('sluice_collector');
  stack = await startStack({ services: ['persistence'], env: { DATABASE_URL: db.url, SLUICE__LOG__LEVEL: 'warn' } });
  const lines = Array.from({ length: 1200 }, (_, i) =>
    JSON.stringify({
      id: `doc-${i}`,
      title: `Document ${i}`,
      content: `Text ${i}`,
      url: `https://docs.example.com/${i}`,
      published_at: '2026-11-01T00:00:00Z',
    }),
  );
  lines.splice(100, 0, '{not json');
  lines.splice(200, 0, JSON.stringify({ id: 'empty' }));
  writeFileSync(path.join(dir, 'sample.jsonl'), lines.join('\n') + '\n');
  const local = { allow_private_network: true, rate_limit_per_minute: 6000 };
  const config = {
    services: collectorOnlyServices(sink.address, stack.addresses.persistence!.grpcAddress),
    log: { level: 'silent' },
    collector: {
      // API-managed sources reach the loopback feed server only through the operator's allowlist.
      http: {
        max_retries: 1,
        initial_backoff_milliseconds: 10,
        max_backoff_milliseconds: 20,
        private_network_allowlist: ['127.0.0.1'],
      },
      sources: [
        { id: 'rss', kind: 'feed', url: `${feeds.url}/rss`, priority: 7, weight: 0.8, ...local },
        { id: 'atom', kind: 'feed', url: `${feeds.url}/atom`, ...local },
        { id: 'failing', kind: 'feed', url: `${feeds.url}/fail`, ...local },
        { id: 'malformed', kind: 'feed', url: `${feeds.url}/bad`, ...local },
        { id: 'docs', kind: 'jsonl', path: path.join(dir, 'sample.jsonl'), batch_size: 250 },
        { id: 'disabled', kind: 'feed', url: `${feeds.url}/rss`, enabled: false, ...local },
      ],
    },
  };
  const file = path.join(dir, 'sluice.yaml');
  writeFileSync(file, YAML.stringify(config));
  service = await runService('collector', collectorSettingsSchema, buildCollectorService, {
    configFile: file,
    env: {},
    exitOnShutdown: false,
  });
  client = connect('Collector', `127.0.0.1:${service.grpc.port}`);
});

afterAll(async () => {
  client?.close();
  await service?.stop();
  await sink?.close();
  await feeds?.close();
  await stack?.stop();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Collector service', () => {
  it('runs every enabled source concurrently, isolates failing ones, and reports progress until acknowledged', async () => {
    const messages = await runSources({ wait_until_done: true });
    const last = messages.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.sources_total).toBe(5);
    expect(last.sources_done).toBe(5);
    expect(last.collected).toBe(30 + 10 + 1200);
    expect(last.acknowledged).toBe(30 + 10 + 1200 + 2);
    expect(last.stored).toBe(1240);
    expect(last.dead_lettered).toBe(2);
    expect(last.source_errors).toBe(2);
    // 500s were retried once; the malformed feed is not retried (parse errors are not transient).
    expect(feeds.hits.get('/fail')).toBe(2);
    expect(feeds.hits.get('/bad')).toBe(1);

    const rss = sink.items.filter((i) => i.source_id === 'rss');
    expect(rss).toHaveLength(30);
    expect(rss[0]).toMatchObject({ source_kind: 'rss', priority: 7, source_weight: 0.8, content_type: 'text/html' });
    expect(rss.every((i) => i.url.startsWith('https://example.com/posts/rss-'))).toBe(true);
    expect(rss.every((i) => i.published_at_ms > 0 && i.collected_at_ms > 0)).toBe(true);
    const atom = sink.items.filter((i) => i.source_id === 'atom');
    expect(atom.map((i) => i.url)).toContain('https://atom.example.org/blog/entries/3');
    expect(atom[0]!.source_kind).toBe('atom');
    expect(sink.deadLetters.map((d) => d.reason).sort()).toEqual(['invalid_item', 'invalid_json']);
    expect(
      sink.deadLetters.every((d) => d.stage === 'collector' && d.source_id === 'docs' && d.payload_json.length > 2),
    ).toBe(true);

    // Source errors and state are in the database (persistence service).
    const persistence = connect('Persistence', stack.addresses.persistence!.grpcAddress);
    const errors = async (id: string) =>
      (await call(persistence, 'ListSourceErrors', { source_id: id, limit: 5 }, 5_000)).errors;
    expect(await errors('failing')).toEqual([
      expect.objectContaining({ code: 'http_status', http_status: 500, url: `${feeds.url}/fail` }),
    ]);
    expect(await errors('malformed')).toEqual([expect.objectContaining({ code: 'parse' })]);
    expect(await errors('rss')).toEqual([]);
    const states = await call(persistence, 'GetSourceState', { source_ids: ['docs', 'rss'] }, 5_000);
    expect(states.states.find((s) => s.source_id === 'docs')).toMatchObject({ items_total: 1202 });
    expect(JSON.parse(states.states.find((s) => s.source_id === 'docs')!.cursor_json)).toMatchObject({ line: 1202 });
    persistence.close();
  });

  it('resumes the JSONL file at its checkpoint: a second run sends nothing new', async () => {
    const before = sink.items.filter((i) => i.source_id === 'docs').length;
    const messages = await runSources({ source_ids: ['docs'], wait_until_done: true });
    expect(messages.at(-1)).toMatchObject({ done: true, collected: 0, sources_done: 1, source_errors: 0 });
    expect(sink.items.filter((i) => i.source_id === 'docs').length).toBe(before);
  });

  it('collects sources managed through the API (persistence source definitions) as soon as they are asked for', async () => {
    const admin = connect('PersistenceAdmin', stack.addresses.persistence!.grpcAddress);
    const upsert = (definition: object) => call(admin, 'UpsertSourceDefinition', { definition }, 5_000);
    await upsert({
      id: 'api-rss',
      kind: 'rss',
      config_json: JSON.stringify({ url: `${feeds.url}/rss`, weight: 0.3 }),
      enabled: true,
      priority: 9,
      interval_seconds: 600,
    });
    await upsert({
      id: 'api-bad',
      kind: 'rss',
      config_json: JSON.stringify({ url: 'not a url' }),
      enabled: true,
      priority: 5,
      interval_seconds: 600,
    });
    const messages = await runSources({ source_ids: ['api-rss'], wait_until_done: true });
    expect(messages.at(-1)).toMatchObject({ done: true, collected: 30, sources_done: 1 });
    expect(
      sink.items.filter((i) => i.source_id === 'api-rss').every((i) => i.priority === 9 && i.source_weight === 0.3),
    ).toBe(true);
    const list = await new Promise<{ sources: Array<{ id: string; origin: string }> }>((resolve, reject) =>
      client.ListSources({}, { deadline: deadlineIn(5000) }, (error, response) =>
        error ? reject(error) : resolve(response as never),
      ),
    );
    expect(list.sources.find((s) => s.id === 'api-rss')?.origin).toBe('api');
    expect(list.sources.find((s) => s.id === 'rss')?.origin).toBe('config');
    expect(list.sources.some((s) => s.id === 'api-bad')).toBe(false);
    await expect(runSources({ source_ids: ['api-bad'], wait_until_done: true })).rejects.toThrow(/unknown source/);
    await call(admin, 'DeleteSourceDefinition', { id: 'api-rss' }, 5_000);
    admin.close();
  });

  it('lists the configured sources and rejects unknown ids', async () => {
    const list = await new Promise<{
      sources: Array<{ id: string; kind: string; enabled: boolean; priority: number }>;
    }>((resolve, reject) =>
      client.ListSources({}, { deadline: deadlineIn(5000) }, (error, response) =>
        error ? reject(error) : resolve(response as never),
      ),
    );
    expect(list.sources.map((s) => s.id)).toEqual(['rss', 'atom', 'failing', 'malformed', 'docs', 'disabled']); // api-rss was deleted
    expect(list.sources.find((s) => s.id === 'rss')).toMatchObject({ kind: 'feed', enabled: true, priority: 7 });
    await expect(runSources({ source_ids: ['nope'], wait_until_done: true })).rejects.toThrow(/unknown source/);
  });
});
