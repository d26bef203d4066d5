// The transformer as a real gRPC service (runService, one worker thread) in front of a test sink.
import {
  connect,
  createSinkStage,
  deadlineIn,
  PipelineSender,
  runService,
  sluiceProto,
  startGrpcServer,
  type GrpcServer,
  type ItemBatch__Output,
  type RunningService,
} from '@sluice/protocol';
import { createLogger, createMetricsRegistry } from '@sluice/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformerStage } from '../src/service.js';
import { transformerSettingsSchema } from '../src/settings.js';

const received: ItemBatch__Output[] = [];
let sink: GrpcServer;
let transformer: RunningService;

beforeAll(async () => {
  const proto = sluiceProto();
  const stage = createSinkStage({
    stage: 'test-sink',
    logger: createLogger('sink', 'silent'),
    registry: createMetricsRegistry('sink'),
    write: async (batch) => {
      received.push(batch);
      const ids = [...batch.items.map((i) => i.raw!.id), ...batch.dead_letters.map((d) => d.item_id)];
      return {
        batch_id: batch.batch_id,
        item_ids: ids,
        inserted: batch.items.length,
        dead_lettered: batch.dead_letters.length,
      };
    },
  });
  sink = await startGrpcServer('127.0.0.1:0', [
    { name: 'sluice.v1.PipelineStage', definition: proto.PipelineStage.service, implementation: stage.implementation },
  ]);
  sink.setServing(true);
  transformer = await runService('transformer', transformerSettingsSchema, transformerStage.build, {
    exitOnShutdown: false,
    env: {
      ...process.env,
      SLUICE__LOG__LEVEL: 'silent',
      SLUICE__SERVICES__TRANSFORMER__GRPC_ADDRESS: '127.0.0.1:0',
      SLUICE__SERVICES__TRANSFORMER__HTTP_PORT: '0',
      SLUICE__SERVICES__INFERENCE__GRPC_ADDRESS: `127.0.0.1:${sink.port}`,
      SLUICE__TRANSFORMER__WORKER_THREADS: '1',
      // No persistence here (replicas.test.ts runs the shared index against the real one).
      SLUICE__TRANSFORMER__DEDUP_SCOPE: 'replica',
    },
  });
});

afterAll(async () => {
  await transformer?.stop();
  await sink?.shutdown(100);
});

const article = (n: number) =>
  `<html><body><nav>Home · World · Sport</nav><article><h1>Story ${n}</h1><p>The city council met on Tuesday to discuss the new tram line, which will connect the northern districts with the central station by ${2030 + n}.</p><p>Residents raised concerns about noise &amp; construction works; the council promised a public consultation before any work starts.</p><script>track()</script></article><footer>© News</footer></body></html>`;

describe('transformer stage', () => {
  it('normalizes items, links duplicates, dead-letters invalid items, and forwards one batch with the same id', async () => {
    const client = connect('PipelineStage', `127.0.0.1:${transformer.grpc.port}`);
    const sender = new PipelineSender({
      connect: () => client.Process({ deadline: deadlineIn(30_000) }),
      maxInFlightItems: 100,
    });
    const raw = (id: string, source: string, n: number, url: string) => ({
      raw: {
        id,
        source_id: source,
        url,
        title: `Story&nbsp;${n} &mdash; <b>tram</b>`,
        content: article(n),
        content_type: 'text/html',
        published_at_ms: 1_700_000_000_000,
      },
    });
    const ack = await sender.send({
      batch_id: 'b1',
      items: [
        raw('a1', 'feed-a', 1, 'HTTPS://News.Example.com/tram?utm_source=rss&id=7#comments'),
        raw('b1', 'feed-b', 1, 'https://mirror.example.org/copy-of-tram'),
        {
          raw: {
            ...raw('c1', 'feed-c', 1, 'https://news.example.com/tram?id=7').raw,
            title: 'Tram line: council meets',
          },
        },
        {
          raw: {
            id: 'd1',
            source_id: 'aggregator',
            url: 'https://news.example.com/tram?id=7&utm_campaign=hn',
            title: 'Council debates new tram line',
            content_type: 'text/plain',
          },
        },
        { raw: { id: '', source_id: 'feed-x', title: 'no id' } },
      ],
    });
    await sender.close();
    client.close();
    expect(ack.error ?? '').toBe('');
    const batch = received.find((b) => b.items.some((i) => i.raw?.id === 'a1'))!;
    expect(batch).toBeDefined();
    const byId = new Map(batch.items.map((i) => [i.raw!.id, i.normalized!]));
    const a = byId.get('a1')!;
    expect(a.title).toBe('Story 1 — tram');
    expect(a.text).toContain('The city council met on Tuesday');
    expect(a.text).toContain('noise & construction');
    expect(a.text).not.toMatch(/track\(\)|Home · World|© News/);
    expect(a.canonical_url).toBe('https://news.example.com/tram?id=7');
    expect(a.dedup_key).toBe(a.canonical_url);
    expect(a.language).toBe('en');
    expect(a.content_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(a.simhash).toMatch(/^[0-9a-f]{16}$/);
    expect(a.word_count).toBeGreaterThan(40);
    expect(a.reading_time_seconds).toBeGreaterThan(5);
    expect(a.token_count).toBeGreaterThanOrEqual(a.word_count);
    expect(a.duplicate_of).toBe('');
    // Same text from another source: exact duplicate of the first.
    expect(byId.get('b1')).toMatchObject({ duplicate_of: 'a1', duplicate_kind: 'exact' });
    // Same canonical URL, lightly edited text: linked as a near duplicate.
    expect(byId.get('c1')).toMatchObject({ duplicate_of: 'a1', duplicate_kind: 'near' });
    // A title-only link to the same canonical URL: the same content.
    expect(byId.get('d1')).toMatchObject({ duplicate_of: 'a1', duplicate_kind: 'exact' });
    expect(batch.dead_letters).toHaveLength(1);
    expect(batch.dead_letters[0]).toMatchObject({ stage: 'transformer', reason: 'invalid_item', source_id: 'feed-x' });
    expect(JSON.parse(batch.dead_letters[0]!.payload_json).raw.title).toBe('no id');
  });
});
