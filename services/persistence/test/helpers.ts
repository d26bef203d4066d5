// Test targets: every database test body runs against both the real PostgreSQL server (a fresh database from
// @sluice/stack) and the embedded PGlite (a fresh temp folder), the way kysely loops its tests over dialects.
// A freshly initialised PGlite folder is made once per machine and copied (initdb costs ~5 s, a copy ~0.1 s).
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import {
  connect,
  deadlineIn,
  defineStage,
  PipelineSender,
  sluiceProto,
  startGrpcServer,
  type GrpcServer,
  type PersistenceAdminClient,
  type PersistenceClient,
  type PipelineItem,
  type PipelineStageClient,
  type ServiceContext,
} from '@sluice/protocol';
import { createLogger, createMetricsRegistry, createShutdown, loadServiceConfig } from '@sluice/service-kit';
import { createTestDatabase } from '@sluice/stack';
import { Kysely, PGliteDialect } from 'kysely';
import { migrations } from '../src/migrations/index.js';
import { migrateToLatest } from '../src/migrator.js';
import { openPersistence, type Persistence } from '../src/persistence.js';
import { persistenceOptions, persistenceSink } from '../src/service.js';
import { persistenceSettingsSchema, type PersistenceSettings } from '../src/settings.js';

export const DATABASE_KINDS = ['postgres', 'pglite'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export interface TestTarget {
  kind: DatabaseKind;
  /** Settings pointing at this target's database. */
  settings: PersistenceSettings;
  /** Environment for a service process (DATABASE_URL or the data folder). */
  env: NodeJS.ProcessEnv;
  url?: string;
  dataDir?: string;
  cleanup(): Promise<void>;
}

/** A fresh PGlite folder, initialised once per machine (and migrated, unless `bare`), then copied per test. */
async function pgliteTemplate(bare: boolean): Promise<string> {
  // The name changes with the migrations, so a stale migrated template is never reused.
  const version = bare ? 'bare' : Object.keys(migrations).join('+');
  const template = path.join(tmpdir(), `sluice-pglite-template-0.5.14-${version}`);
  if (existsSync(path.join(template, 'PG_VERSION'))) return template;
  const building = mkdtempSync(path.join(tmpdir(), 'sluice-pglite-build-'));
  const pg = await PGlite.create({ dataDir: building, extensions: { vector } });
  if (!bare) {
    const db = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite: pg }) });
    await migrateToLatest(db);
  }
  await pg.close();
  try {
    renameSync(building, template);
  } catch {
    // Another test process built it first.
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/** A fresh database of this kind. PGlite targets come already migrated unless `bare` (migrations are tested on bare ones). */
export async function createTarget(
  kind: DatabaseKind,
  overrides: Partial<PersistenceSettings> = {},
  options: { bare?: boolean } = {},
): Promise<TestTarget> {
  if (kind === 'postgres') {
    const database = await createTestDatabase('sluice_persist');
    return {
      kind,
      settings: persistenceSettingsSchema.parse({ database_url: database.url, pool_size: 6, ...overrides }),
      env: { DATABASE_URL: database.url },
      url: database.url,
      cleanup: () => database.drop(),
    };
  }
  const parent = mkdtempSync(path.join(tmpdir(), 'sluice-pglite-test-'));
  const dataDir = path.join(parent, 'pglite');
  cpSync(await pgliteTemplate(options.bare ?? false), dataDir, { recursive: true });
  return {
    kind,
    settings: persistenceSettingsSchema.parse({ data_dir: dataDir, ...overrides }),
    env: { SLUICE__PERSISTENCE__DATA_DIR: dataDir, DATABASE_URL: '' },
    dataDir,
    async cleanup() {
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

export interface RunningPersistence {
  persistence: Persistence;
  server: GrpcServer;
  address: string;
  persistenceClient: PersistenceClient;
  adminClient: PersistenceAdminClient;
  stageClient: PipelineStageClient;
  /** A PipelineSender on a new stream to this service. */
  sender(maxInFlightItems?: number): PipelineSender;
  stop(): Promise<void>;
}

/** The persistence stage (service.ts's, plus the test options) in this process behind a real gRPC server on 127.0.0.1 (port 0). */
export async function startPersistence(
  target: TestTarget,
  options: { exactSearch?: boolean } = {},
): Promise<RunningPersistence> {
  let opened: Persistence | undefined;
  const stage = defineStage({
    name: 'persistence',
    settings: persistenceSettingsSchema,
    setup: async (ctx) => {
      opened = await openPersistence({ ...persistenceOptions(ctx), env: {}, exactSearch: options.exactSearch });
      return persistenceSink(opened);
    },
  });
  const parts = await stage.build(stageContext(target.settings));
  const persistence = opened!;
  const server = await startGrpcServer('127.0.0.1:0', parts.grpc);
  server.setServing(true);
  const address = `127.0.0.1:${server.port}`;
  const proto = sluiceProto();
  const persistenceClient = connect('Persistence', address);
  const adminClient = connect('PersistenceAdmin', address);
  const stageClient = connect('PipelineStage', address);
  const senders: PipelineSender[] = [];
  return {
    persistence,
    server,
    address,
    persistenceClient,
    adminClient,
    stageClient,
    sender(maxInFlightItems = 5000) {
      const sender = new PipelineSender({
        connect: () => stageClient.Process({ deadline: deadlineIn(120_000) }),
        maxInFlightItems,
      });
      senders.push(sender);
      return sender;
    },
    async stop() {
      await Promise.all(senders.map((s) => s.close().catch(() => undefined)));
      await parts.drain?.();
      await server.shutdown(1000);
      for (const client of [persistenceClient, adminClient, stageClient])
        (client as unknown as { close(): void }).close();
      await parts.close?.();
    },
  };
}

/** The context runService would give the stage, with the target's settings (silent logs, no process exit). */
function stageContext(settings: PersistenceSettings): ServiceContext<PersistenceSettings> {
  const logger = createLogger('persistence', 'silent');
  const config = { ...loadServiceConfig('persistence', persistenceSettingsSchema, { env: {} }), settings };
  return {
    name: 'persistence',
    config,
    logger,
    registry: createMetricsRegistry('persistence'),
    shutdown: createShutdown(logger, { exit: false }),
    isReady: () => true,
    setReady: () => {},
    reloadSettings: () => settings,
  };
}

/** Promise form of a unary call on a generated client (deadline 20 s). */
export function call<Req, Res>(client: object, method: string, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = (
      client as Record<string, (req: Req, opts: object, cb: (error: Error | null, res: Res) => void) => void>
    )[method]!;
    fn.call(client, request, { deadline: deadlineIn(20_000) }, (error, response) =>
      error ? reject(error) : resolve(response),
    );
  });
}

/** A complete pipeline item (raw, normalized, classifications, embedding, score) with deterministic values. */
export function makeItem(
  n: number,
  overrides: {
    sourceId?: string;
    embedding?: number[];
    title?: string;
    text?: string;
    score?: number;
    publishedMs?: number;
    sentiment?: string;
    topic?: string;
    language?: string;
  } = {},
): PipelineItem {
  const sourceId = overrides.sourceId ?? `source-${n % 3}`;
  const id = `item-${String(n).padStart(6, '0')}`;
  const embedding = overrides.embedding ?? [Math.cos(n), Math.sin(n), (n % 7) / 7, 1];
  const score = overrides.score ?? ((n * 37) % 100) / 100;
  return {
    raw: {
      id,
      source_id: sourceId,
      source_kind: 'rss',
      external_id: `guid-${n}`,
      url: `https://example.test/${sourceId}/${n}`,
      title: overrides.title ?? `Title ${n}`,
      summary: `Summary ${n}`,
      content: `<p>Body ${n}</p>`,
      content_type: 'text/html',
      author: 'Ada',
      published_at_ms: overrides.publishedMs ?? 1_700_000_000_000 + n * 60_000,
      collected_at_ms: 1_800_000_000_000 + n * 1000,
      tags: ['t1', `n${n % 2}`],
      attributes: { lang: 'en' },
      engagement: { points: n, comments: n % 5 },
      priority: 5,
      source_weight: 0.5,
    },
    normalized: {
      title: overrides.title ?? `Title ${n}`,
      summary: `Summary ${n}`,
      text: overrides.text ?? `Body ${n} about ${overrides.topic ?? (n % 2 === 0 ? 'technology' : 'sports')}`,
      canonical_url: `https://example.test/${sourceId}/${n}`,
      language: overrides.language ?? (n % 4 === 0 ? 'de' : 'en'),
      language_confidence: 0.9,
      content_hash: `hash-${n}`,
      dedup_key: `https://example.test/${sourceId}/${n}`,
      simhash: '0123456789abcdef',
      word_count: 3,
      reading_time_seconds: 1,
    },
    classifications: [
      {
        model: 'sent-v1',
        task: 'sentiment',
        labels: [
          { name: overrides.sentiment ?? (n % 3 === 0 ? 'positive' : 'neutral'), score: 0.8 },
          { name: 'negative', score: 0.1 },
        ],
      },
      {
        model: 'topics-v1',
        task: 'topics',
        labels: [{ name: overrides.topic ?? (n % 2 === 0 ? 'technology' : 'sports'), score: 0.7 }],
      },
    ],
    embedding: { model: 'emb-v1', values: embedding },
    score: {
      value: score,
      formula_version: 'v1',
      components: [{ name: 'relevance', value: score, weight: 1, detail: '' }],
    },
  };
}
