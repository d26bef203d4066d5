// Cancelling a job leaves nothing behind. Real processes: persistence (on a fresh PostgreSQL database) and the
// collector, whose downstream is persistence's PipelineStage; the gateway runs in this process. An OPML source
// of many feeds is served by a local HTTP server (with ETags, so a resumed run's conditional GETs show which
// feeds were already acknowledged), a collect job is cancelled mid-run and the same source is run again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  createRelayStage,
  createSinkStage,
  deadlineIn,
  sluiceProto,
  startGrpcServer,
  type GrpcServer,
} from '@sluice/protocol';
import { createMetricsRegistry, type ServicesConfig } from '@sluice/service-kit';
import { allocateAddresses, createTestDatabase, startStack, type Stack, type TestDatabase } from '@sluice/stack';
import { createGateway, type Gateway } from '../src/gateway.js';
import { gatewaySettingsSchema } from '../src/settings.js';
import { KEYS, auth, logger, testSettings } from './helpers.js';

const FEEDS = 160;
const ITEMS_PER_FEED = 4;
const SOURCE = 'many-feeds';

let db: TestDatabase;
let stack: Stack;
let gateway: Gateway;
let relay: GrpcServer;
let importDir: string;
let feedServer: http.Server;
let services: ServicesConfig;
let settings: ReturnType<typeof gatewaySettingsSchema.parse>;
/** Per feed: full responses (200) and conditional hits answered 304. */
const served = { full: new Map<number, number>(), notModified: new Map<number, number>(), requests: 0 };

const get = (url: string) => gateway.app.inject({ method: 'GET', url, headers: auth(KEYS.admin) });
const post = (url: string, payload: object) =>
  gateway.app.inject({ method: 'POST', url, headers: auth(KEYS.admin), payload });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

async function job(id: string) {
  return (await get(`/v1/jobs/${id}`)).json() as { status: string; counts: Record<string, number> };
}

async function sourcesRunning(): Promise<number> {
  const text = await (await fetch(`${stack.httpUrl('collector')}/metrics`)).text();
  return Number(/^sluice_collector_sources_running(?:\{[^}]*\})? (\S+)$/m.exec(text)![1]);
}

async function storedIds(source: string): Promise<string[]> {
  const ids: string[] = [];
  let url: string | null = `/v1/items?source=${source}&limit=500&fields=id`;
  while (url) {
    const page: { items: Array<{ id: string }>; next: string | null } = (await get(url)).json();
    ids.push(...page.items.map((i) => i.id));
    url = page.next;
  }
  return ids;
}

beforeAll(async () => {
  feedServer = http.createServer((req, res) => {
    served.requests += 1;
    const url = req.url ?? '/';
    if (url === '/list.opml') {
      const outlines = Array.from(
        { length: FEEDS },
        (_, f) => `<outline type="rss" text="feed ${f}" xmlUrl="/feeds/${f}.xml"/>`,
      ).join('');
      res
        .writeHead(200, { 'content-type': 'text/x-opml' })
        .end(
          `<?xml version="1.0"?><opml version="2.0"><head><title>many</title></head><body>${outlines}</body></opml>`,
        );
      return;
    }
    const match = /^\/feeds\/(\d+)\.xml$/.exec(url);
    if (!match) return void res.writeHead(404).end();
    const feed = Number(match[1]);
    const etag = `"feed-${feed}-v1"`;
    if (req.headers['if-none-match'] === etag) {
      served.notModified.set(feed, (served.notModified.get(feed) ?? 0) + 1);
      return void res.writeHead(304, { etag }).end();
    }
    served.full.set(feed, (served.full.get(feed) ?? 0) + 1);
    const items = Array.from(
      { length: ITEMS_PER_FEED },
      (_, n) =>
        `<item><title>Feed ${feed} story ${n}</title><link>https://news.example/${feed}/${n}</link><guid isPermaLink="false">f${feed}-i${n}</guid><description>Story ${n} of feed ${feed}</description></item>`,
    ).join('');
    res
      .writeHead(200, { 'content-type': 'application/rss+xml', etag })
      .end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>https://news.example/</link>${items}</channel></rss>`,
      );
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  const feedsUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;

  db = await createTestDatabase('sluice_cancel');
  const addresses = await allocateAddresses();
  const persistenceAddress = addresses.persistence!.grpcAddress;
  // 20 feeds a second: a whole run takes 8 s, so a cancel 1 s in lands mid-run.
  const sources = [
    {
      id: SOURCE,
      kind: 'opml',
      url: `${feedsUrl}/list.opml`,
      allow_private_network: true,
      rate_limit_per_minute: 1200,
      interval_seconds: 3600,
    },
  ];
  stack = await startStack({
    services: ['persistence', 'collector'],
    addresses,
    env: {
      DATABASE_URL: db.url,
      SLUICE__LOG__LEVEL: 'warn',
      SLUICE__COLLECTOR__SOURCES: JSON.stringify(sources),
      SLUICE__COLLECTOR__CHECKPOINT_INTERVAL_MILLISECONDS: '100',
      SLUICE__COLLECTOR__HTTP__HOST_RATE_LIMIT_PER_SECOND: '200',
    },
    serviceEnv: { collector: { SLUICE__SERVICES__TRANSFORMER__GRPC_ADDRESS: persistenceAddress } },
  });

  // Imports go through a relay that takes 100 ms a batch before persistence stores it, so a cancel lands mid-import.
  const sink = connect('PipelineStage', persistenceAddress);
  const slow = createRelayStage({
    stage: 'transformer',
    logger,
    registry: createMetricsRegistry('slow-relay'),
    maxInFlightItems: 1000,
    connectDownstream: () => sink.Process({ deadline: deadlineIn(120_000) }),
    process: async (batch) => {
      await sleep(100);
      return { batch_id: batch.batch_id, items: batch.items, dead_letters: batch.dead_letters };
    },
  });
  relay = await startGrpcServer('127.0.0.1:0', [
    {
      name: 'sluice.v1.PipelineStage',
      definition: sluiceProto().PipelineStage.service,
      implementation: slow.implementation,
    },
  ]);
  relay.setServing(true);

  importDir = mkdtempSync(path.join(tmpdir(), 'sluice-cancel-import-'));
  services = Object.fromEntries(
    Object.entries(addresses).map(([name, a]) => [name, { grpc_address: a.grpcAddress, http_port: a.httpPort }]),
  ) as unknown as ServicesConfig;
  services.transformer = { ...services.transformer, grpc_address: `127.0.0.1:${relay.port}` };
  settings = gatewaySettingsSchema.parse({
    api_keys: testSettings().api_keys,
    import_directories: [importDir],
    import_batch_size: 20,
    import_max_in_flight_batches: 2,
    job_progress_interval_milliseconds: 50,
    key_cache_seconds: 0,
  });
  gateway = await createGateway({
    settings,
    services,
    logger,
    registry: createMetricsRegistry('gateway'),
    bootstrapKey: KEYS.admin,
  });
}, 180_000);

afterAll(async () => {
  await gateway?.drain();
  await gateway?.close();
  await relay?.shutdown(100);
  await stack?.stop();
  await db?.drop();
  await new Promise((resolve) => feedServer?.close(resolve));
  if (importDir) rmSync(importDir, { recursive: true, force: true });
});

describe('cancelling a collect job', () => {
  it('stops the source at once, and the next run starts at once and resumes from the acknowledged feeds', async () => {
    const first = (await post('/v1/jobs', { kind: 'collect', source_ids: [SOURCE] })).json();
    await waitFor(
      'the first job to store items',
      async () => ((await job(first.id)).counts.acknowledged! >= 20 * ITEMS_PER_FEED ? true : undefined),
      30_000,
    );
    expect((await post(`/v1/jobs/${first.id}/cancel`, {})).statusCode).toBe(200);
    await waitFor(
      'the first job to end',
      async () => ((await job(first.id)).status === 'cancelled' ? true : undefined),
      5_000,
    );
    // Nothing of the cancelled run is left running in the collector...
    await waitFor(
      'the collector to stop the source',
      async () => ((await sourcesRunning()) === 0 ? true : undefined),
      3_000,
    );
    const requestsAfterStop = served.requests;
    await sleep(500);
    expect(served.requests).toBe(requestsAfterStop);
    const fetchedFirst = served.full.size;
    expect(fetchedFirst).toBeGreaterThan(0);
    expect(fetchedFirst).toBeLessThan(FEEDS);

    // ...so the next run of the same source starts at once and makes progress of its own.
    const second = (await post('/v1/jobs', { kind: 'collect', source_ids: [SOURCE] })).json();
    await waitFor(
      'the second run to fetch',
      async () => (served.requests > requestsAfterStop ? true : undefined),
      2_000,
    );
    expect(await sourcesRunning()).toBe(1);
    const done = await waitFor(
      'the second job to finish',
      async () => {
        const current = await job(second.id);
        return current.status === 'running' || current.status === 'queued' ? undefined : current;
      },
      60_000,
    );
    expect(done.status).toBe('succeeded');
    expect(done.counts.sources_done).toBe(1);

    // Resumed from the checkpoint: feeds acknowledged before the cancel were asked for conditionally (304) and
    // gave nothing new; every other feed was fetched in full; each item is stored exactly once.
    const resumed = served.notModified.size;
    expect(resumed).toBeGreaterThan(0);
    for (const feed of served.notModified.keys()) expect(served.full.get(feed)).toBe(1);
    expect(served.full.size).toBe(FEEDS);
    expect(done.counts.collected).toBe((FEEDS - resumed) * ITEMS_PER_FEED);
    const ids = await storedIds(SOURCE);
    expect(ids).toHaveLength(FEEDS * ITEMS_PER_FEED);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await sourcesRunning()).toBe(0);
  }, 120_000);
});

describe('cancelling an import job', () => {
  it('stops reading at once, and a rerun of the same file resumes after the acknowledged lines, storing each exactly once', async () => {
    const lines = 2000;
    writeFileSync(
      path.join(importDir, 'big.jsonl'),
      Array.from({ length: lines }, (_, i) =>
        JSON.stringify({ external_id: `line-${i}`, title: `Imported line ${i}`, content: `body ${i}` }),
      ).join('\n') + '\n',
    );
    const first = (await post('/v1/jobs', { kind: 'import', path: 'big.jsonl', source_id: 'bulk-cancel' })).json();
    await waitFor(
      'the import to store items',
      async () => ((await job(first.id)).counts.stored! >= 100 ? true : undefined),
      20_000,
    );
    const cancelledAt = Date.now();
    expect((await post(`/v1/jobs/${first.id}/cancel`, {})).statusCode).toBe(200);
    const cancelled = await waitFor(
      'the import to end',
      async () => {
        const current = await job(first.id);
        return current.status === 'cancelled' ? current : undefined;
      },
      5_000,
    );
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    expect(cancelled.counts.lines).toBeLessThan(lines);
    // What was sent before the cancel was waited for, so the job's counts say what is stored.
    expect(cancelled.counts.stored).toBe(cancelled.counts.sent);
    expect((await storedIds('bulk-cancel')).length).toBe(cancelled.counts.stored);

    const second = (await post('/v1/jobs', { kind: 'import', path: 'big.jsonl', source_id: 'bulk-cancel' })).json();
    const done = await waitFor(
      'the rerun to finish',
      async () => {
        const current = await job(second.id);
        return current.status === 'running' || current.status === 'queued' ? undefined : current;
      },
      60_000,
    );
    expect(done.status).toBe('succeeded');
    // Every batch sent before the cancel was acknowledged, so the checkpoint covers them all: nothing is sent twice.
    expect(cancelled.counts.resume_line).toBe(cancelled.counts.stored);
    expect(done.counts).toMatchObject({
      lines,
      resumed_at_line: cancelled.counts.resume_line,
      sent: lines - cancelled.counts.stored!,
      inserted: lines - cancelled.counts.stored!,
      unchanged: 0,
    });
    const ids = await storedIds('bulk-cancel');
    expect(ids).toHaveLength(lines);
    expect(new Set(ids).size).toBe(lines);

    // After a finished import, the same file is imported from the start again (idempotently).
    const third = (await post('/v1/jobs', { kind: 'import', path: 'big.jsonl', source_id: 'bulk-cancel' })).json();
    const full = await waitFor(
      'the third import to finish',
      async () => {
        const current = await job(third.id);
        return current.status === 'running' || current.status === 'queued' ? undefined : current;
      },
      60_000,
    );
    expect(full.counts).toMatchObject({ lines, resumed_at_line: 0, sent: lines, unchanged: lines, inserted: 0 });
  }, 120_000);

  it('ends at once when the pipeline has stopped acknowledging', async () => {
    // A stage that takes batches and never acknowledges them (a stuck pipeline).
    const stuck = createSinkStage({
      stage: 'transformer',
      logger,
      registry: createMetricsRegistry('stuck'),
      write: () => new Promise(() => undefined),
    });
    const server = await startGrpcServer('127.0.0.1:0', [
      {
        name: 'sluice.v1.PipelineStage',
        definition: sluiceProto().PipelineStage.service,
        implementation: stuck.implementation,
      },
    ]);
    server.setServing(true);
    const second = await createGateway({
      settings: { ...settings, push_ack_wait_milliseconds: 500 },
      services: { ...services, transformer: { ...services.transformer, grpc_address: `127.0.0.1:${server.port}` } },
      logger,
      registry: createMetricsRegistry('gateway-stuck'),
      bootstrapKey: KEYS.admin,
    });
    try {
      writeFileSync(
        path.join(importDir, 'stuck.jsonl'),
        Array.from({ length: 200 }, (_, i) =>
          JSON.stringify({ external_id: `stuck-${i}`, title: `Never stored ${i}` }),
        ).join('\n') + '\n',
      );
      const request = (method: 'GET' | 'POST', url: string, payload?: object) =>
        second.app.inject({ method, url, headers: auth(KEYS.admin), payload });
      const started = (
        await request('POST', '/v1/jobs', { kind: 'import', path: 'stuck.jsonl', source_id: 'stuck' })
      ).json();
      await waitFor(
        'the import to send',
        async () => ((await request('GET', `/v1/jobs/${started.id}`)).json().counts.sent > 0 ? true : undefined),
        10_000,
      );
      const cancelledAt = Date.now();
      await request('POST', `/v1/jobs/${started.id}/cancel`);
      const ended = await waitFor(
        'the import to end',
        async () => {
          const current = (await request('GET', `/v1/jobs/${started.id}`)).json();
          return current.status === 'cancelled' ? current : undefined;
        },
        5_000,
      );
      expect(Date.now() - cancelledAt).toBeLessThan(3_000);
      expect(ended.counts).toMatchObject({ stored: 0, resume_line: 0 });
    } finally {
      await second.app.close();
      await second.close();
      await server.shutdown(100);
    }
  }, 60_000);
});
