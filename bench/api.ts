// pnpm bench api: autocannon against GET /v1/items and GET /v1/search on a stack with seeded data.
// Stack: persistence (fresh PostgreSQL database), inference (built-in models) and the gateway, each a separate
// process. Seeded items carry embeddings from the real inference service, so search does real work: embed the
// query, then nearest neighbours in persistence (exact scan on PostgreSQL 15 without pgvector).
// autocannon runs in this process: on 2 cores it competes with the services, so numbers are a floor.
import { createRequire } from 'node:module';
import {
  connect,
  deadlineIn,
  PipelineSender,
  unary,
  type EmbedResponse__Output,
  type ListItemsResponse__Output,
  type PipelineItem,
} from '@sluice/protocol';
import { createTestDatabase, startStack } from '@sluice/stack';
import type { Metrics } from './lib.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  start: Date;
  finish: Date;
  statusCodeStats?: Record<string, { count: number }>;
  latency: { p99: number; p50: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  requests?: Array<{ path: string }>;
}) => Promise<AutocannonResult>;
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const API_KEY = 'bench-api-key-0123456789abcdef';
const TOPICS = [
  'football league match goals striker stadium fans season coach',
  'stock market shares investors bank interest rates inflation economy',
  'software engineers chip gpu neural network model data cloud',
  'election parliament vote government policy minister campaign law',
  'hospital doctors patients vaccine health disease treatment study',
  'climate energy solar wind emissions weather river flood',
];
const QUERIES = [
  'who won the football match',
  'interest rates and inflation',
  'training neural networks on gpus',
  'the election campaign',
  'new vaccine study',
  'floods after heavy rain',
];

function itemText(n: number): string {
  const words = TOPICS[n % TOPICS.length]!.split(' ');
  return Array.from({ length: 40 }, (_, k) => words[(n * 3 + k * 7) % words.length]).join(' ');
}

async function seed(persistenceAddress: string, inferenceAddress: string, count: number): Promise<void> {
  const inference = connect('Inference', inferenceAddress);
  const pipeline = connect('PipelineStage', persistenceAddress);
  const sender = new PipelineSender({
    connect: () => pipeline.Process({ deadline: deadlineIn(600_000) }),
    maxInFlightItems: 5000,
  });
  const base = Date.now() - count * 1000;
  try {
    for (let start = 0; start < count; start += 500) {
      const numbers = Array.from({ length: Math.min(500, count - start) }, (_, i) => start + i);
      const embedded = await unary<object, EmbedResponse__Output>(
        inference,
        inference.Embed,
        { inputs: numbers.map((n) => ({ id: String(n), text: itemText(n) })) },
        120_000,
      );
      const items: PipelineItem[] = numbers.map((n, i) => ({
        raw: {
          id: `api-bench-${n}`,
          source_id: `feed-${n % 20}`,
          source_kind: 'rss',
          external_id: String(n),
          url: `https://news.example/${n}`,
          title: `Story ${n}`,
          content: itemText(n),
          collected_at_ms: base + n * 1000,
        },
        normalized: { title: `Story ${n}`, text: itemText(n), language: 'en' },
        classifications: [
          {
            model: 'bench',
            task: 'sentiment',
            labels: [{ name: ['positive', 'negative', 'neutral'][n % 3]!, score: 0.8 }],
          },
        ],
        embedding: { model: embedded.model, values: embedded.results[i]!.values },
        score: { value: (n % 100) / 100, components: [], formula_version: 'bench' },
      }));
      await sender.send({ items });
    }
    await sender.close();
  } finally {
    inference.close();
    pipeline.close();
  }
}

/** ListItems(limit 50) straight to persistence from `concurrency` loops for `seconds`: calls per second. */
async function directListItems(address: string, concurrency: number, seconds: number): Promise<number> {
  const client = connect('Persistence', address);
  const end = Date.now() + seconds * 1000;
  let calls = 0;
  const started = Date.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < end) {
          await unary<object, ListItemsResponse__Output>(client, client.ListItems, { limit: 50 }, 30_000);
          calls += 1;
        }
      }),
    );
  } finally {
    client.close();
  }
  return calls / ((Date.now() - started) / 1000);
}

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  const count = smoke ? 300 : 10_000;
  const duration = smoke ? 2 : 15;
  const connections = smoke ? 10 : 50;
  const db = await createTestDatabase('sluice_bench_api');
  const stack = await startStack({
    services: ['persistence', 'inference', 'gateway'],
    env: {
      DATABASE_URL: db.url,
      SLUICE_API_KEY: API_KEY,
      SLUICE__GATEWAY__RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      SLUICE__LOG__LEVEL: 'warn',
    },
  });
  try {
    await seed(stack.addresses.persistence!.grpcAddress, stack.addresses.inference!.grpcAddress, count);
    const url = stack.httpUrl('gateway');
    const headers = { authorization: `Bearer ${API_KEY}` };
    // Warm-up: connections, JIT, the database's caches.
    await autocannon({ url: `${url}/v1/items?limit=50`, connections: 4, duration: 1, headers });
    const items = await autocannon({ url, connections, duration, headers, requests: [{ path: '/v1/items?limit=50' }] });
    // Side by side, same duration: the gateway alone (no backend call) and ListItems over gRPC without the
    // gateway, with as many concurrent callers: what HTTP, auth and JSON add on top of persistence.
    const healthz = await autocannon({
      url: `${url}/healthz`,
      connections,
      duration: Math.min(duration, 5),
      headers: {},
    });
    const direct = await directListItems(stack.addresses.persistence!.grpcAddress, connections, duration);
    // Search is heavier (an embedding plus a nearest-neighbour scan per request): fewer concurrent clients.
    const searchConnections = Math.max(2, Math.round(connections / 5));
    const search = await autocannon({
      url,
      connections: searchConnections,
      duration,
      headers,
      requests: QUERIES.map((q) => ({ path: `/v1/search?q=${encodeURIComponent(q)}&limit=10` })),
    });
    // Only successful answers count as throughput; failures are reported by status code.
    const ok = (r: AutocannonResult) =>
      (r.requests.total - r.non2xx) / ((new Date(r.finish).getTime() - new Date(r.start).getTime()) / 1000);
    const failures = (prefix: string, r: AutocannonResult) =>
      Object.fromEntries(
        Object.entries(r.statusCodeStats ?? {})
          .filter(([code]) => !code.startsWith('2'))
          .map(([code, s]) => [`${prefix}_status_${code}`, s.count]),
      );
    return {
      seeded_items: count,
      items_connections: connections,
      search_connections: searchConnections,
      duration_seconds: duration,
      items_requests_per_second: ok(items),
      items_p50_ms: items.latency.p50,
      items_p99_ms: items.latency.p99,
      items_non2xx: items.non2xx,
      items_grpc_direct_requests_per_second: direct,
      healthz_requests_per_second: ok(healthz),
      search_requests_per_second: ok(search),
      search_p50_ms: search.latency.p50,
      search_p99_ms: search.latency.p99,
      search_non2xx: search.non2xx,
      ...failures('items', items),
      ...failures('search', search),
      errors: items.errors + search.errors + items.timeouts + search.timeouts,
    };
  } finally {
    await stack.stop();
    await db.drop();
  }
}
