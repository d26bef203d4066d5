// The whole pipeline, end to end: every service a separate process, real gRPC streams between them, real
// ONNX models, feeds served over HTTP from 127.0.0.1, and the real database — once with the PostgreSQL server
// and once with the embedded default (PGlite owned by the persistence process).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connect } from '@sluice/protocol';
import { createTestDatabase, runSources, startStack, type Stack, type TestDatabase } from '@sluice/stack';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';

const FEEDS = 10;
const ITEMS_PER_FEED = 100;
const API_KEY = 'e2e-test-key-0123456789';

interface ApiItem {
  id: string;
  source_id: string;
  title: string;
  sentiment: string | null;
  topics: string[];
  classifications: Array<{ task: string; labels: Array<{ name: string; score: number }> }>;
  embedding: { model: string; values: number[] } | null;
  score: { value: number; components: Array<{ name: string; value: number }> } | null;
}

async function listAllItems(stack: Stack): Promise<ApiItem[]> {
  const items: ApiItem[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const url = new URL('/v1/items', stack.httpUrl('gateway'));
    url.searchParams.set('limit', '250');
    url.searchParams.set('fields', 'id,source_id,title,sentiment,topics,classifications,embedding,score');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: ApiItem[]; next_cursor: string | null };
    items.push(...body.items);
    cursor = body.next_cursor;
    if (!cursor) break;
  }
  return items;
}

async function sourceErrors(stack: Stack, sourceId: string) {
  const client = connect('Persistence', stack.addresses.persistence!.grpcAddress);
  try {
    const response = await call(client, 'ListSourceErrors', { source_id: sourceId, limit: 10 }, 5000);
    return response.errors;
  } finally {
    client.close();
  }
}

describe.each(['postgres', 'embedded'] as const)('pipeline end to end (%s)', (database) => {
  let feeds: FeedServer;
  let stack: Stack;
  let db: TestDatabase | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    feeds = await startFeedServer(ITEMS_PER_FEED);
    const common = { allow_private_network: true, rate_limit_per_minute: 6000, interval_seconds: 3600 };
    const sources = [
      ...Array.from({ length: FEEDS }, (_, f) => ({
        id: `feed-${f}`,
        kind: 'feed',
        url: `${feeds.url}/feeds/${f}.xml`,
        ...common,
      })),
      { id: 'broken', kind: 'feed', url: `${feeds.url}/broken.xml`, ...common },
      { id: 'malformed', kind: 'feed', url: `${feeds.url}/malformed.xml`, ...common },
    ];
    const env: NodeJS.ProcessEnv = {
      SLUICE_API_KEY: API_KEY,
      SLUICE__COLLECTOR__SOURCES: JSON.stringify(sources),
      SLUICE__LOG__LEVEL: 'warn',
    };
    if (database === 'postgres') {
      db = await createTestDatabase('sluice_e2e');
      env.DATABASE_URL = db.url;
    } else {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'sluice-e2e-pglite-'));
      env.DATABASE_URL = '';
      env.SLUICE__PERSISTENCE__DATA_DIR = dataDir;
    }
    // Service logs stay in a temporary folder for post-mortems (printed path in the test output).
    const logDir = mkdtempSync(path.join(os.tmpdir(), `sluice-e2e-logs-${database}-`));
    console.log(`service logs: ${logDir}`);
    stack = await startStack({ env, logDir });
  });

  afterAll(async () => {
    await stack?.stop();
    await feeds?.close();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores every feed item exactly once with classifications, an embedding and a score', async () => {
    const progress = await runSources({ collectorAddress: stack.addresses.collector!.grpcAddress, timeoutMs: 240_000 });
    expect(progress.done).toBe(true);
    expect(progress.collected).toBe(FEEDS * ITEMS_PER_FEED);
    expect(progress.acknowledged).toBe(FEEDS * ITEMS_PER_FEED);
    expect(progress.source_errors).toBeGreaterThanOrEqual(2);

    const items = await listAllItems(stack);
    expect(items).toHaveLength(FEEDS * ITEMS_PER_FEED);
    expect(new Set(items.map((i) => i.id)).size).toBe(FEEDS * ITEMS_PER_FEED);
    for (const item of items) {
      expect(item.source_id).toMatch(/^feed-\d$/);
      expect(item.classifications.map((c) => c.task)).toEqual(expect.arrayContaining(['sentiment', 'topics']));
      expect(['positive', 'negative', 'neutral']).toContain(item.sentiment);
      expect(item.embedding!.model).toBe('sluice-embed-glove-100d');
      expect(item.embedding!.values).toHaveLength(100);
      const norm = Math.sqrt(item.embedding!.values.reduce((s, v) => s + v * v, 0));
      expect(norm).toBeCloseTo(1, 2);
      expect(item.score!.value).toBeGreaterThanOrEqual(0);
      expect(item.score!.value).toBeLessThanOrEqual(1);
      expect(item.score!.components.length).toBeGreaterThanOrEqual(4);
    }
    // The models see the text: the feed's clearly positive and clearly negative items are told apart.
    const positive = items.filter((i) => i.sentiment === 'positive').length;
    const negative = items.filter((i) => i.sentiment === 'negative').length;
    expect(positive).toBeGreaterThan(200);
    expect(negative).toBeGreaterThan(200);
    const sports = items.filter((i) => i.title.startsWith('sports'));
    expect(sports.filter((i) => i.topics[0] === 'sports').length / sports.length).toBeGreaterThan(0.8);

    if (db) {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ count: string }>('SELECT count(*) AS count FROM items');
        expect(Number(rows[0]!.count)).toBe(FEEDS * ITEMS_PER_FEED);
      } finally {
        await client.end();
      }
    }
  }, 300_000);

  it('records failing sources as source errors without stopping the others', async () => {
    const broken = await sourceErrors(stack, 'broken');
    const malformed = await sourceErrors(stack, 'malformed');
    expect(broken.length).toBeGreaterThanOrEqual(1);
    expect(broken[0]!.http_status).toBe(500);
    expect(malformed.length).toBeGreaterThanOrEqual(1);
    expect(malformed[0]!.code).toMatch(/parse/);
  }, 30_000);

  it('a second run stores no duplicates', async () => {
    const progress = await runSources({ collectorAddress: stack.addresses.collector!.grpcAddress, timeoutMs: 240_000 });
    expect(progress.done).toBe(true);
    const items = await listAllItems(stack);
    expect(items).toHaveLength(FEEDS * ITEMS_PER_FEED);
    expect(new Set(items.map((i) => i.id)).size).toBe(FEEDS * ITEMS_PER_FEED);
  }, 300_000);
});
