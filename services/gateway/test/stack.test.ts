// The gateway against real backends, each a separate process: persistence (on a fresh PostgreSQL database),
// inference (the built-in ONNX models) and the collector (one JSONL source). Pushed and imported items go
// straight to persistence's PipelineStage here (services.transformer points at it): the other stages have
// their own tests, this file is about the HTTP API over the real contracts.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemId } from '@sluice/content';
import {
  connect,
  createSinkStage,
  deadlineIn,
  PipelineSender,
  sluiceProto,
  startGrpcServer,
  unary,
  type CreateJobResponse__Output,
  type EmbedResponse__Output,
  type PipelineItem,
} from '@sluice/protocol';
import { createMetricsRegistry, type ServicesConfig } from '@sluice/service-kit';
import { allocateAddresses, createTestDatabase, startStack, type Stack, type TestDatabase } from '@sluice/stack';
import { createGateway, type Gateway } from '../src/gateway.js';
import { gatewaySettingsSchema, type GatewaySettings } from '../src/settings.js';
import { KEYS, auth, logger, testSettings } from './helpers.js';

const TOPICS = [
  {
    key: 'football',
    text: 'The football team scored three goals and the striker celebrated the win with the fans in the stadium',
    topic: 'sports',
    sentiment: 'positive',
  },
  {
    key: 'markets',
    text: 'Stock markets fell sharply as investors sold shares and bond yields rose after the central bank decision',
    topic: 'business',
    sentiment: 'negative',
  },
  {
    key: 'gpu',
    text: 'Engineers trained a neural network on GPU clusters and the software compiler made the model faster',
    topic: 'technology',
    sentiment: 'positive',
  },
  {
    key: 'election',
    text: 'Voters went to the polls in the election and parliament debated the new government policy',
    topic: 'politics',
    sentiment: 'neutral',
  },
  {
    key: 'health',
    text: 'Doctors at the hospital reported that the vaccine reduced infections among patients',
    topic: 'health',
    sentiment: 'positive',
  },
] as const;
const PER_TOPIC = 6;
const BASE_TIME = Date.UTC(2026, 0, 1);

let db: TestDatabase;
let stack: Stack;
let gateway: Gateway;
let services: ServicesConfig;
let settings: GatewaySettings;
let importDir: string;
let seeded: Array<{
  id: string;
  source: string;
  topic: string;
  sentiment: string;
  score: number;
  collected: number;
  language: string;
  title: string;
}> = [];

const get = (url: string, key: string = KEYS.admin) => gateway.app.inject({ method: 'GET', url, headers: auth(key) });
const post = (url: string, payload: object, key: string = KEYS.admin) =>
  gateway.app.inject({ method: 'POST', url, headers: auth(key), payload });

beforeAll(async () => {
  db = await createTestDatabase('sluice_gateway');
  importDir = mkdtempSync(path.join(tmpdir(), 'sluice-gateway-import-'));
  const jsonl = path.join(importDir, 'collector-source.jsonl');
  writeFileSync(
    jsonl,
    Array.from({ length: 25 }, (_, i) =>
      JSON.stringify({ id: `c${i}`, title: `Collected item ${i}`, content: `Body ${i}` }),
    ).join('\n') + '\n',
  );
  const addresses = await allocateAddresses();
  const persistenceAddress = addresses.persistence!.grpcAddress;
  stack = await startStack({
    services: ['persistence', 'inference', 'collector', 'gateway'],
    addresses,
    env: {
      DATABASE_URL: db.url,
      SLUICE__LOG__LEVEL: 'warn',
      SLUICE__COLLECTOR__SOURCES: JSON.stringify([
        { id: 'local-jsonl', kind: 'jsonl', path: jsonl, interval_seconds: 3600 },
      ]),
    },
    serviceEnv: {
      collector: { SLUICE__SERVICES__TRANSFORMER__GRPC_ADDRESS: persistenceAddress },
      gateway: { SLUICE_API_KEY: KEYS.admin },
    },
  });

  services = Object.fromEntries(
    Object.entries(addresses).map(([name, a]) => [name, { grpc_address: a.grpcAddress, http_port: a.httpPort }]),
  ) as unknown as ServicesConfig;
  services.transformer = { ...services.transformer, grpc_address: persistenceAddress };
  settings = gatewaySettingsSchema.parse({
    api_keys: testSettings().api_keys,
    import_directories: [importDir],
    import_batch_size: 10,
    upload_max_bytes: 4096,
    upload_directory: path.join(importDir, 'spool'),
    job_progress_interval_milliseconds: 50,
    job_poll_interval_milliseconds: 100,
    key_cache_seconds: 0,
    job_heartbeat_seconds: 0.5,
    job_stale_after_seconds: 3,
  });
  gateway = await createGateway({
    settings,
    services,
    logger,
    registry: createMetricsRegistry('gateway'),
    bootstrapKey: KEYS.admin,
  });

  // Seed stored items the way the pipeline would deliver them: text embedded by the real inference service.
  const inference = connect('Inference', addresses.inference!.grpcAddress);
  const texts = TOPICS.flatMap((t) => Array.from({ length: PER_TOPIC }, (_, i) => ({ ...t, i })));
  const embedded = await unary<object, EmbedResponse__Output>(
    inference,
    inference.Embed,
    { inputs: texts.map((t, i) => ({ id: String(i), text: t.text })) },
    30_000,
  );
  inference.close();
  const items: PipelineItem[] = texts.map((t, n) => {
    const source = n % 2 === 0 ? 'feed-even' : 'feed-odd';
    const external = `${t.key}-${t.i}`;
    const record = {
      id: itemId(source, external),
      source,
      topic: t.topic,
      sentiment: t.sentiment,
      score: Math.round((n / texts.length) * 1000) / 1000,
      collected: BASE_TIME + n * 60_000,
      language: n % 5 === 0 ? 'de' : 'en',
      title: `${t.key} story ${t.i}`,
    };
    seeded.push(record);
    return {
      raw: {
        id: record.id,
        source_id: source,
        source_kind: 'rss',
        external_id: external,
        url: `https://example.org/${external}`,
        title: record.title,
        content: t.text,
        collected_at_ms: record.collected,
        published_at_ms: record.collected - 3_600_000,
      },
      normalized: {
        title: record.title,
        text: t.text,
        language: record.language,
        content_hash: `h${n}`,
        dedup_key: `d${n}`,
      },
      classifications: [
        { model: 'sluice-sentiment-afinn', task: 'sentiment', labels: [{ name: t.sentiment, score: 0.9 }] },
        { model: 'sluice-topics', task: 'topics', labels: [{ name: t.topic, score: 0.8 }] },
      ],
      embedding: { model: embedded.model, values: embedded.results[n]!.values },
      score: {
        value: record.score,
        components: [{ name: 'relevance', value: record.score, weight: 1 }],
        formula_version: 'test',
      },
    };
  });
  const pipeline = connect('PipelineStage', persistenceAddress);
  const sender = new PipelineSender({
    connect: () => pipeline.Process({ deadline: deadlineIn(60_000) }),
    maxInFlightItems: 1000,
  });
  const ack = await sender.send({ items });
  expect(ack.inserted).toBe(items.length);
  await sender.close();
  pipeline.close();
});

afterAll(async () => {
  await gateway?.drain();
  await gateway?.close();
  await stack?.stop();
  await db?.drop();
  if (importDir) rmSync(importDir, { recursive: true, force: true });
});

describe('reads through persistence', () => {
  it('pages through every item with the keyset cursor, newest first, without gaps or repeats', async () => {
    const ids: string[] = [];
    let url: string | null = '/v1/items?limit=7&fields=id,collected_at&source=feed-even&source=feed-odd';
    while (url) {
      const page: { items: Array<{ id: string }>; next: string | null } = (await get(url)).json();
      ids.push(...page.items.map((i) => i.id));
      url = page.next;
    }
    const expected = [...seeded].sort((a, b) => b.collected - a.collected).map((s) => s.id);
    expect(ids).toEqual(expected);
  });

  it('applies each filter and the score sort like the data says', async () => {
    const ids = async (query: string) =>
      (await get(`/v1/items?limit=100&fields=id&${query}`))
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort();
    const expect_ = (filter: (s: (typeof seeded)[number]) => boolean) =>
      seeded
        .filter(filter)
        .map((s) => s.id)
        .sort();
    expect(await ids('source=feed-odd')).toEqual(expect_((s) => s.source === 'feed-odd'));
    expect(await ids('sentiment=negative')).toEqual(expect_((s) => s.sentiment === 'negative'));
    expect(await ids('topic=technology')).toEqual(expect_((s) => s.topic === 'technology'));
    expect(await ids('language=de')).toEqual(expect_((s) => s.language === 'de'));
    expect(await ids('min_score=0.5')).toEqual(expect_((s) => s.score >= 0.5));
    const since = BASE_TIME + 10 * 60_000;
    const until = BASE_TIME + 20 * 60_000;
    expect(await ids(`since=${new Date(since).toISOString()}&until=${until}`)).toEqual(
      expect_((s) => s.collected >= since && s.collected < until),
    );
    expect(await ids('text=gpu%20story')).toEqual(expect_((s) => s.title.startsWith('gpu story')));
    const byScore = (await get('/v1/items?sort=score&limit=5&fields=id,score')).json().items;
    expect(byScore.map((i: { id: string }) => i.id)).toEqual(
      [...seeded]
        .sort((a, b) => b.score - a.score)
        .slice(0, 5)
        .map((s) => s.id),
    );
  });

  it('gets one item by id and answers 404 for an unknown one', async () => {
    const target = seeded[3]!;
    const item = (await get(`/v1/items/${target.id}`)).json();
    expect(item).toMatchObject({
      id: target.id,
      title: target.title,
      source_id: target.source,
      sentiment: target.sentiment,
      topics: [target.topic],
      language: target.language,
    });
    expect(item.text).toContain(' ');
    const missing = await get(`/v1/items/${'0'.repeat(32)}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('item_not_found');
  });

  it('is ready while persistence is serving', async () => {
    const ready = await gateway.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', persistence: 'SERVING' });
  });
});

describe('semantic search and direct inference', () => {
  it('returns the nearest items for a query, with filters', async () => {
    const response = await get(
      `/v1/search?q=${encodeURIComponent('soccer players scoring goals in a match')}&limit=3&fields=id,title`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.hits).toHaveLength(3);
    expect(body.hits[0].item.title).toMatch(/^football story/);
    expect(body.hits[0].similarity).toBeGreaterThan(body.hits[2].similarity - 1e-9);
    const filtered = (
      await get(
        `/v1/search?q=${encodeURIComponent('soccer players scoring goals')}&limit=3&fields=id,title&topic=business`,
      )
    ).json();
    expect(filtered.hits.every((h: { item: { title: string } }) => h.item.title.startsWith('markets story'))).toBe(
      true,
    );
  });

  it('embeds and classifies texts for other systems', async () => {
    const embed = (await post('/v1/embed', { inputs: [{ id: 'a', text: 'hello world' }, { text: 'second' }] })).json();
    expect(embed.results.map((r: { id: string }) => r.id)).toEqual(['a', '1']);
    expect(embed.results[0].values.length).toBeGreaterThan(10);
    expect(embed.results[0].timing.inference_ms).toBeGreaterThanOrEqual(0);
    const classify = (
      await post('/v1/classify', { inputs: [{ text: 'This is wonderful, I love it, great news' }] })
    ).json();
    const sentiment = classify.results[0].classifications.find((c: { task: string }) => c.task === 'sentiment');
    expect(sentiment.labels[0].name).toBe('positive');
    const bad = await post('/v1/classify', { inputs: [] });
    expect(bad.statusCode).toBe(400);
  });
});

describe('pushing items', () => {
  it('stores pushed items durably and idempotently', async () => {
    const payload = {
      source_id: 'partner',
      items: [
        { external_id: 'p1', title: 'Pushed one', content: 'text one' },
        { url: 'https://example.org/p2', title: 'Pushed two' },
      ],
    };
    const first = await post('/v1/items', payload);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'stored', inserted: 2 });
    const again = (await post('/v1/items', payload)).json();
    expect(again).toMatchObject({
      status: 'stored',
      inserted: 0,
      updated: 0,
      unchanged: 2,
      item_ids: first.json().item_ids,
    });
    const stored = (await get(`/v1/items/${itemId('partner', 'p1')}`)).json();
    expect(stored).toMatchObject({ title: 'Pushed one', source_id: 'partner', source_kind: 'push' });
    const hook = await post('/v1/webhooks/cms', {
      entries: [{ guid: 'w-1', name: 'From a webhook', body: '<p>hi</p>', created_at: 1_700_000_000 }],
    });
    expect(hook.json()).toMatchObject({ status: 'stored', inserted: 1 });
    expect((await get(`/v1/items/${itemId('cms', 'w-1')}`)).json()).toMatchObject({
      title: 'From a webhook',
      published_at: new Date(1_700_000_000_000).toISOString(),
    });
  });
});

describe('API keys stored by persistence', () => {
  it('creates a scoped key, enforces its scope, and revokes it', async () => {
    const created = await post('/v1/keys', { name: 'dashboard', scopes: ['read'] });
    expect(created.statusCode).toBe(201);
    const { key, raw_key: rawKey } = created.json();
    expect(key).toMatchObject({ name: 'dashboard', scopes: ['read'], revoked: false });
    expect((await get('/v1/items?limit=1', rawKey)).statusCode).toBe(200);
    expect((await post('/v1/items', { items: [{ title: 'x' }] }, rawKey)).json().code).toBe('insufficient_scope');
    expect((await get('/v1/keys', rawKey)).statusCode).toBe(403);
    const listed = (await get('/v1/keys')).json().keys;
    expect(listed.map((k: { id: string }) => k.id)).toContain(key.id);
    expect(JSON.stringify(listed)).not.toContain(rawKey);
    const revoked = await gateway.app.inject({
      method: 'DELETE',
      url: `/v1/keys/${key.id}`,
      headers: auth(KEYS.admin),
    });
    expect(revoked.json().revoked).toBe(true);
    const after = await get('/v1/items?limit=1', rawKey);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('invalid_api_key');
  });
});

describe('jobs', () => {
  it('imports a JSONL file, streams progress as server-sent events, and records the result', async () => {
    const lines = Array.from({ length: 42 }, (_, i) =>
      JSON.stringify({ external_id: `imp-${i}`, title: `Imported ${i}`, content: `body ${i}` }),
    );
    lines.splice(10, 0, '{not json', JSON.stringify({ author: 'no content' }));
    writeFileSync(path.join(importDir, 'batch.jsonl'), lines.join('\n') + '\n');
    const started = await post('/v1/jobs', { kind: 'import', path: 'batch.jsonl', source_id: 'bulk' });
    expect(started.statusCode).toBe(202);
    const job = started.json();
    expect(started.headers.location).toBe(`/v1/jobs/${job.id}`);
    const events = await get(`/v1/jobs/${job.id}/events`);
    expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
    const parsed = events.body
      .split('\n\n')
      .filter((block) => block.startsWith('event:'))
      .map((block) => ({
        event: /^event: (.*)$/m.exec(block)![1],
        data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!),
      }));
    expect(parsed.length).toBeGreaterThanOrEqual(2);
    const done = parsed.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data).toMatchObject({
      id: job.id,
      status: 'succeeded',
      counts: { lines: 44, invalid: 2, sent: 42, stored: 42 },
    });
    const final = (await get(`/v1/jobs/${job.id}`)).json();
    expect(final.status).toBe('succeeded');
    expect(final.errors.map((e: { subject: string }) => e.subject)).toEqual(['line 11', 'line 12']);
    expect((await get(`/v1/items/${itemId('bulk', 'imp-41')}`)).json().title).toBe('Imported 41');
    expect((await get('/v1/jobs?kind=import')).json().jobs.map((j: { id: string }) => j.id)).toContain(job.id);
  });

  it('imports an uploaded JSONL body as a job, within the upload limit, and removes the spooled file', async () => {
    const body = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({ url: `https://up.example/${i}`, title: `Uploaded ${i}` }),
    ).join('\n');
    const upload = (payload: string) =>
      gateway.app.inject({
        method: 'POST',
        url: '/v1/jobs/import?source_id=upl',
        headers: { ...auth(KEYS.writer), 'content-type': 'application/x-ndjson' },
        payload,
      });
    const started = await upload(body);
    expect(started.statusCode).toBe(202);
    const events = (await get(`/v1/jobs/${started.json().id}/events`)).body;
    expect(events).toMatch(/event: done\ndata: .*"status":"succeeded"/);
    expect(events).toMatch(/"stored":12/);
    expect((await get(`/v1/items/${itemId('upl', 'https://up.example/11')}`)).json().title).toBe('Uploaded 11');
    const tooLarge = await upload('x'.repeat(5000));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('payload_too_large');
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(path.join(importDir, 'spool'))).toEqual([]);
    const wrongType = await gateway.app.inject({
      method: 'POST',
      url: '/v1/jobs/import',
      headers: { ...auth(KEYS.writer), 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(wrongType.statusCode).toBe(415);
  });

  it('follows a job run elsewhere by polling, and cancels it', async () => {
    // A job created directly in persistence, as another gateway replica would: this gateway does not run it.
    const admin = connect('PersistenceAdmin', stack.addresses.persistence!.grpcAddress);
    const created = await unary<object, CreateJobResponse__Output>(
      admin,
      admin.CreateJob,
      { kind: 'collect', params_json: '{"source_ids":[]}' },
      5000,
    );
    admin.close();
    const id = created.job!.id;
    const events = get(`/v1/jobs/${id}/events`);
    await new Promise((r) => setTimeout(r, 300));
    const cancelled = await post(`/v1/jobs/${id}/cancel`, {});
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const body = (await events).body;
    expect(body).toMatch(/^event: progress\ndata: .*"status":"queued"/m);
    expect(body).toMatch(/event: done\ndata: .*"status":"cancelled"/);
  });

  it('ends a job whose gateway stopped reporting as abandoned, while heartbeats keep a slow live job alive', async () => {
    // A job another gateway was running when it crashed: created and started, then never updated again.
    const admin = connect('PersistenceAdmin', stack.addresses.persistence!.grpcAddress);
    const created = await unary<object, CreateJobResponse__Output>(
      admin,
      admin.CreateJob,
      { kind: 'collect', params_json: '{"source_ids":["x"]}' },
      5000,
    );
    await unary(
      admin,
      admin.UpdateJobProgress,
      { id: created.job!.id, status: 'running', counts: { collected: 3 } },
      5000,
    );
    admin.close();

    // A live job that makes no progress for longer than the stale window: an import into a pipeline that takes
    // 6 s to acknowledge (a real gRPC stage standing in for the transformer), run by a second gateway.
    const slowStage = createSinkStage({
      stage: 'transformer',
      logger,
      registry: createMetricsRegistry('slow-stage'),
      write: async (batch) => {
        await new Promise((resolve) => setTimeout(resolve, 6000));
        return { batch_id: batch.batch_id, item_ids: batch.items.map((i) => i.raw!.id), inserted: batch.items.length };
      },
    });
    const slowServer = await startGrpcServer('127.0.0.1:0', [
      {
        name: 'sluice.v1.PipelineStage',
        definition: sluiceProto().PipelineStage.service,
        implementation: slowStage.implementation,
      },
    ]);
    slowServer.setServing(true);
    const second = await createGateway({
      settings,
      services: { ...services, transformer: { ...services.transformer, grpc_address: `127.0.0.1:${slowServer.port}` } },
      logger,
      registry: createMetricsRegistry('gateway-2'),
      bootstrapKey: KEYS.admin,
    });
    try {
      writeFileSync(path.join(importDir, 'slow.jsonl'), '{"external_id":"slow-1","title":"Waits for the pipeline"}\n');
      const live = await second.app.inject({
        method: 'POST',
        url: '/v1/jobs',
        headers: auth(KEYS.admin),
        payload: { kind: 'import', path: 'slow.jsonl', source_id: 'slow' },
      });
      expect(live.statusCode).toBe(202);

      const abandoned = (await get(`/v1/jobs/${created.job!.id}/events`)).body;
      const ended = JSON.parse(/event: done\ndata: (.*)$/m.exec(abandoned)![1]!);
      expect(ended).toMatchObject({ status: 'failed', counts: { collected: 3 } });
      expect(ended.errors.at(-1)).toMatchObject({ code: 'abandoned' });
      expect(ended.message).toMatch(/^abandoned: /);

      const finished = (
        await second.app.inject({ method: 'GET', url: `/v1/jobs/${live.json().id}/events`, headers: auth(KEYS.admin) })
      ).body;
      const job = JSON.parse(/event: done\ndata: (.*)$/m.exec(finished)![1]!);
      expect(job).toMatchObject({ status: 'succeeded', counts: { lines: 1, invalid: 0, stored: 1 } });
      expect(Date.parse(job.finished_at) - Date.parse(job.started_at)).toBeGreaterThan(5000);
    } finally {
      await second.drain();
      await second.close();
      await slowServer.shutdown(100);
    }
  });

  it('refuses import paths outside the import folder', async () => {
    const escape = await post('/v1/jobs', { kind: 'import', path: '../../etc/passwd' });
    expect(escape.statusCode).toBe(422);
    expect(escape.json().errors[0].pointer).toBe('/body/path');
  });

  it('runs a collect job through the collector and reports its progress', async () => {
    const started = await post('/v1/jobs', { kind: 'collect', source_ids: ['local-jsonl'] });
    expect(started.statusCode).toBe(202);
    const events = await get(`/v1/jobs/${started.json().id}/events`);
    const last = events.body.trim().split('\n\n').at(-1)!;
    expect(last).toMatch(/^event: done/m);
    const job = JSON.parse(/^data: (.*)$/m.exec(last)![1]!);
    expect(job).toMatchObject({ status: 'succeeded', counts: { collected: 25, acknowledged: 25, sources_done: 1 } });
    expect((await get(`/v1/items?source=local-jsonl&limit=100&fields=id`)).json().items).toHaveLength(25);
    const unknown = await post('/v1/jobs', { kind: 'collect', source_ids: ['no-such-source'] });
    const failed = (await get(`/v1/jobs/${unknown.json().id}/events`)).body;
    expect(failed).toMatch(/"status":"failed"/);
    expect((await post(`/v1/jobs/${'0'.repeat(8)}-0000-0000-0000-000000000000/cancel`, {})).statusCode).toBe(404);
  });
});

describe('sources', () => {
  it('creates, lists, shows and deletes a managed source next to the configured one', async () => {
    const put = (body: object) =>
      gateway.app.inject({ method: 'PUT', url: '/v1/sources/blog', headers: auth(KEYS.admin), payload: body });
    const created = await put({ kind: 'feed', config: { url: 'https://example.org/feed.xml' }, interval_seconds: 600 });
    expect(created.statusCode).toBe(201);
    expect((await put({ kind: 'feed', config: { url: 'https://example.org/feed2.xml' } })).statusCode).toBe(200);
    const listed = (await get('/v1/sources')).json();
    expect(listed.collector_reachable).toBe(true);
    expect(listed.sources.map((s: { id: string; origin: string }) => `${s.id}:${s.origin}`)).toEqual(
      expect.arrayContaining(['blog:api', 'local-jsonl:config']),
    );
    const shown = (await get('/v1/sources/local-jsonl')).json();
    expect(shown.state.items_total).toBeGreaterThanOrEqual(0);
    expect(
      (
        await gateway.app.inject({
          method: 'PUT',
          url: '/v1/sources/blog',
          headers: auth(KEYS.reader),
          payload: { kind: 'feed', config: {} },
        })
      ).statusCode,
    ).toBe(403);
    const del = () => gateway.app.inject({ method: 'DELETE', url: '/v1/sources/blog', headers: auth(KEYS.admin) });
    expect((await del()).statusCode).toBe(204);
    expect((await del()).statusCode).toBe(404);
  });
});

describe('the gateway process', () => {
  it('serves the API on its configured port with the bootstrap key, and shuts down cleanly', async () => {
    const base = stack.httpUrl('gateway');
    const items = await fetch(`${base}/v1/items?limit=2&fields=id`, { headers: auth(KEYS.admin) });
    expect(items.status).toBe(200);
    expect(((await items.json()) as { items: unknown[] }).items).toHaveLength(2);
    expect((await fetch(`${base}/v1/items`)).status).toBe(401);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    // Metrics are on the ops port only, not on the API's.
    expect(await (await fetch(`${stack.opsUrl('gateway')}/metrics`)).text()).toContain(
      'sluice_gateway_http_requests_total',
    );
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/docs/`)).status).toBe(200);
    const code = await stack.processes.get('gateway')!.stop();
    expect(code).toBe(0);
  });
});
