// Real servers for the collector's tests: HTTP sources on 127.0.0.1 and a gRPC sink standing in for the
// transformer (it acknowledges every batch, like persistence after its commit).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  connect,
  createSinkStage,
  sluiceProto,
  startGrpcServer,
  type Ack,
  type DeadLetter__Output,
  type GrpcServer,
  type RawItem__Output,
} from '@sluice/protocol';
import { createLogger, createMetricsRegistry } from '@sluice/service-kit';
import {
  PipelineSender,
  createClient as createGrpcClient,
  deadlineIn,
  type PipelineStageClient,
} from '@sluice/protocol';
import { Collector } from '../src/collector.js';
import { HostBreakers } from '../src/http/host-breakers.js';
import { HttpClient } from '../src/http/http-client.js';
import { CollectorMetrics } from '../src/metrics.js';
import { RunProgressCounter } from '../src/runs/run-progress.js';
import { collectorSettingsSchema, type CollectorSettings } from '../src/settings.js';
import { MemorySourceStateStore, type SourceStateStore } from '../src/source-state-store.js';

export interface TestHttpServer {
  url: string;
  port: number;
  /** Requests seen, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startHttpServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<TestHttpServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestSink {
  address: string;
  items: RawItem__Output[];
  deadLetters: DeadLetter__Output[];
  batches: number;
  server: GrpcServer;
  close(): Promise<void>;
}

/** A PipelineStage sink on loopback that stores what it receives in memory and acknowledges at once. */
export async function startSink(options: { delayMs?: number } = {}): Promise<TestSink> {
  const sink: Partial<TestSink> & { items: RawItem__Output[]; deadLetters: DeadLetter__Output[]; batches: number } = {
    items: [],
    deadLetters: [],
    batches: 0,
  };
  const seen = new Set<string>();
  const stage = createSinkStage({
    stage: 'test-sink',
    logger: createLogger('test', 'silent'),
    registry: createMetricsRegistry('test-sink'),
    write: async (batch): Promise<Ack> => {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      sink.batches += 1;
      let inserted = 0;
      let unchanged = 0;
      for (const item of batch.items) {
        if (seen.has(item.raw!.id)) unchanged += 1;
        else {
          seen.add(item.raw!.id);
          inserted += 1;
        }
        sink.items.push(item.raw!);
      }
      sink.deadLetters.push(...batch.dead_letters);
      return {
        batch_id: batch.batch_id,
        item_ids: [...batch.items.map((i) => i.raw!.id), ...batch.dead_letters.map((d) => d.item_id)],
        inserted,
        unchanged,
        dead_lettered: batch.dead_letters.length,
      };
    },
  });
  const server = await startGrpcServer('127.0.0.1:0', [
    {
      name: 'sluice.v1.PipelineStage',
      definition: sluiceProto().PipelineStage.service,
      implementation: stage.implementation,
    },
  ]);
  server.setServing(true);
  sink.server = server;
  sink.address = `127.0.0.1:${server.port}`;
  sink.close = () => server.shutdown(100);
  return sink as TestSink;
}

export function rssFeed(prefix: string, count: number, options: { relative?: boolean } = {}): string {
  const items = Array.from({ length: count }, (_, i) => {
    const link = options.relative ? `/posts/${prefix}-${i}` : `https://example.com/${prefix}/${i}`;
    return `<item><title>${prefix} story ${i} &amp; more</title><link>${link}</link><guid isPermaLink="false">${prefix}-${i}</guid><pubDate>Tue, 10 Nov 2026 10:${String(i % 60).padStart(2, '0')}:00 GMT</pubDate><description>&lt;p&gt;Body of ${prefix} ${i}&lt;/p&gt;</description><category>news</category></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${prefix}</title><link>https://example.com/</link>${items}</channel></rss>`;
}

export function atomFeed(prefix: string, count: number): string {
  const entries = Array.from(
    { length: count },
    (_, i) =>
      `<entry><id>urn:${prefix}:${i}</id><title>${prefix} entry ${i}</title><link href="entries/${i}"/><updated>2026-11-10T10:00:00Z</updated><summary>Summary ${i}</summary><author><name>Ann</name></author></entry>`,
  ).join('');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.org/blog/"><title>${prefix}</title><id>urn:${prefix}</id><updated>2026-11-10T10:00:00Z</updated>${entries}</feed>`;
}

// ---- an in-process Collector wired to a real sink over gRPC ----

export const quietLogger = createLogger('collector-test', 'silent');

export function testSettings(raw: Record<string, unknown>): CollectorSettings {
  return collectorSettingsSchema.parse({
    http: {
      max_retries: 2,
      initial_backoff_milliseconds: 10,
      max_backoff_milliseconds: 50,
      host_rate_limit_per_second: 1000,
      host_rate_limit_burst: 1000,
      ...(raw.http as object),
    },
    ...raw,
  });
}

export interface TestCollector {
  collector: Collector;
  store: SourceStateStore;
  metrics: CollectorMetrics;
  registry: ReturnType<typeof createMetricsRegistry>;
  http: HttpClient;
  run(ids?: string[]): Promise<{ progress: RunProgressCounter; results: Awaited<ReturnType<Collector['run']>> }>;
  close(): Promise<void>;
}

export function createTestCollector(
  settings: CollectorSettings,
  sinkAddress: string,
  store: SourceStateStore = new MemorySourceStateStore(),
): TestCollector {
  const registry = createMetricsRegistry('collector-test');
  const metrics = new CollectorMetrics(registry);
  const client = connect('PipelineStage', sinkAddress);
  const sender = new PipelineSender({
    connect: () => client.Process({ deadline: deadlineIn(60_000) }),
    maxInFlightItems: settings.max_in_flight_items,
    initialBackoffMs: 20,
    maxBackoffMs: 200,
  });
  const breakers = new HostBreakers(settings.breaker, quietLogger, metrics);
  const http = new HttpClient(settings.http, breakers, quietLogger, metrics);
  const collector = new Collector({ settings, store, sender, http, logger: quietLogger, metrics });
  return {
    collector,
    store,
    metrics,
    registry,
    http,
    async run(ids) {
      const progress = new RunProgressCounter();
      const results = await collector.run(ids ?? collector.sources.filter((s) => s.enabled).map((s) => s.id), progress);
      return { progress, results };
    },
    async close() {
      await collector.stop();
      sender.abort('test over');
      breakers.shutdown();
      await http.close();
      client.close();
    },
  };
}

/**
 * The `services` section for a collector running alone in a test: its downstream is `transformerAddress` (a
 * test sink), persistence is `persistenceAddress` if given, and every other peer is unreachable.
 */
export function collectorOnlyServices(transformerAddress: string, persistenceAddress = '127.0.0.1:1') {
  const unreachable = { grpc_address: '127.0.0.1:1', http_port: 0 };
  return {
    collector: { grpc_address: '127.0.0.1:0', http_port: 0 },
    transformer: { grpc_address: transformerAddress, http_port: 0 },
    inference: unreachable,
    scorer: unreachable,
    persistence: { grpc_address: persistenceAddress, http_port: 0 },
    gateway: unreachable,
  };
}
