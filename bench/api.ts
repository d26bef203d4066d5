// pnpm bench api: autocannon against GET /v1/items and GET /v1/search on a stack with seeded data.
// Stack: persistence (fresh PostgreSQL database), inference (built-in models) and the gateway, each a separate
// process. Seeded items carry embeddings from the real inference service, so search does real work: embed the
// query, then nearest neighbours in persistence (exact scan on PostgreSQL 15 without pgvector).
// autocannon runs in this process: on 2 cores it competes with the services, so numbers are a floor.
import { createRequire } from 'node:module';
import { PipelineSender, createClient, deadlineIn, sluiceProto, unary, type EmbedResponse__Output, type InferenceClient, type PipelineItem, type PipelineStageClient } from '@sluice/protocol';
import { createTestDatabase, startStack } from '@sluice/stack';
import type { Metrics } from './lib.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; p50: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; headers: Record<string, string>; requests?: Array<{ path: string }> }) => Promise<AutocannonResult>;
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
const QUERIES = ['who won the football match', 'interest rates and inflation', 'training neural networks on gpus', 'the election campaign', 'new vaccine study', 'floods after heavy rain'];

function itemText(n: number): string {
  const words = TOPICS[n % TOPICS.length]!.split(' ');
  return Array.from({ length: 40 }, (_, k) => words[(n * 3 + k * 7) % words.length]).join(' ');
}

async function seed(persistenceAddress: string, inferenceAddress: string, count: number): Promise<void> {
  const inference = createClient(sluiceProto().Inference, inferenceAddress) as unknown as InferenceClient;
  const pipeline = createClient(sluiceProto().PipelineStage, persistenceAddress) as unknown as PipelineStageClient;
  const sender = new PipelineSender({ connect: () => pipeline.Process({ deadline: deadlineIn(600_000) }), maxInFlightItems: 5000 });
  const base = Date.now() - count * 1000;
  try {
    for (let start = 0; start < count; start += 500) {
      const numbers = Array.from({ length: Math.min(500, count - start) }, (_, i) => start + i);
      const embedded = await unary<object, EmbedResponse__Output>(inference, inference.Embed, { inputs: numbers.map((n) => ({ id: String(n), text: itemText(n) })) }, 120_000);
      const items: PipelineItem[] = numbers.map((n, i) => ({
        raw: { id: `api-bench-${n}`, source_id: `feed-${n % 20}`, source_kind: 'rss', external_id: String(n), url: `https://news.example/${n}`, title: `Story ${n}`, content: itemText(n), collected_at_ms: base + n * 1000 },
        normalized: { title: `Story ${n}`, text: itemText(n), language: 'en' },
        classifications: [{ model: 'bench', task: 'sentiment', labels: [{ name: ['positive', 'negative', 'neutral'][n % 3]!, score: 0.8 }] }],
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

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  const count = smoke ? 300 : 10_000;
  const duration = smoke ? 2 : 15;
  const connections = smoke ? 10 : 50;
  const db = await createTestDatabase('sluice_bench_api');
  const stack = await startStack({
    services: ['persistence', 'inference', 'gateway'],
    env: { DATABASE_URL: db.url, SLUICE_API_KEY: API_KEY, SLUICE__GATEWAY__RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', SLUICE__LOG__LEVEL: 'warn' },
  });
  try {
    await seed(stack.addresses.persistence!.grpcAddress, stack.addresses.inference!.grpcAddress, count);
    const url = stack.httpUrl('gateway');
    const headers = { authorization: `Bearer ${API_KEY}` };
    // Warm-up: connections, JIT, the database's caches.
    await autocannon({ url: `${url}/v1/items?limit=50`, connections: 4, duration: 1, headers });
    const items = await autocannon({ url, connections, duration, headers, requests: [{ path: '/v1/items?limit=50' }] });
    const search = await autocannon({ url, connections, duration, headers, requests: QUERIES.map((q) => ({ path: `/v1/search?q=${encodeURIComponent(q)}&limit=10` })) });
    if (items.non2xx > 0 || search.non2xx > 0) throw new Error(`non-2xx answers: items ${items.non2xx}, search ${search.non2xx}`);
    return {
      seeded_items: count,
      connections,
      duration_seconds: duration,
      items_requests_per_second: items.requests.average,
      items_p50_ms: items.latency.p50,
      items_p99_ms: items.latency.p99,
      search_requests_per_second: search.requests.average,
      search_p50_ms: search.latency.p50,
      search_p99_ms: search.latency.p99,
      errors: items.errors + search.errors + items.timeouts + search.timeouts,
    };
  } finally {
    await stack.stop();
    await db.drop();
  }
}
