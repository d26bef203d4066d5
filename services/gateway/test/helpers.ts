// Test wiring: the real app (buildApp) against real gRPC servers on loopback. `startPersistenceStandIn`
// serves the Persistence contract from handlers a test supplies: it exists to inject backend failures
// (RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, ...) that a healthy persistence process never produces on demand.
import {
  connect,
  createSinkStage,
  deadlineIn,
  grpc,
  PipelineSender,
  sluiceProto,
  startGrpcServer,
  waitForReady,
  type Ack,
  type GrpcServer,
  type ItemBatch__Output,
  type PipelineStageClient,
  type ServiceRegistration,
} from '@sluice/protocol';
import { createLogger, createMetricsRegistry } from '@sluice/service-kit';
import { buildApp } from '../src/app.js';
import { Authenticator, hashKey } from '../src/auth.js';
import { PushChannel } from '../src/push-channel.js';
import { gatewaySettingsSchema, type GatewaySettings } from '../src/settings.js';
import type { Upstreams } from '../src/upstream-clients.js';

export const logger = createLogger('gateway-test', 'silent');

export const KEYS = {
  admin: 'test-admin-key-0123456789abcdef0123456789',
  reader: 'test-reader-key-0123456789abcdef012345678',
  writer: 'test-writer-key-0123456789abcdef012345678',
} as const;

export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

export function testSettings(overrides: Partial<GatewaySettings> = {}): GatewaySettings {
  return gatewaySettingsSchema.parse({
    api_keys: [
      { name: 'reader', sha256: hashKey(KEYS.reader), scopes: ['read'] },
      { name: 'writer', sha256: hashKey(KEYS.writer), scopes: ['write'] },
    ],
    ...overrides,
  });
}

type Handler = (request: any) => unknown | Promise<unknown>;

/** A gRPC error the way a backend sends it. */
export function grpcError(code: grpc.status, details: string, metadata?: Record<string, string>): grpc.ServiceError {
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(metadata ?? {})) md.set(k, v);
  return Object.assign(new Error(details), { code, details, metadata: md }) as grpc.ServiceError;
}

/** Serves Persistence (and PersistenceAdmin when `adminHandlers` is given) from the handlers. */
export async function startPersistenceStandIn(
  handlers: Record<string, Handler>,
  adminHandlers?: Record<string, Handler>,
): Promise<GrpcServer> {
  const implement = (table: Record<string, Handler>) => {
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const [name, handler] of Object.entries(table)) {
      implementation[name] = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        Promise.resolve()
          .then(() => handler(call.request))
          .then(
            (response) => callback(null, response),
            (error: grpc.ServiceError) => callback(error),
          );
      };
    }
    return implementation;
  };
  const proto = sluiceProto();
  const services: ServiceRegistration[] = [
    { name: 'sluice.v1.Persistence', definition: proto.Persistence.service, implementation: implement(handlers) },
  ];
  if (adminHandlers)
    services.push({
      name: 'sluice.v1.PersistenceAdmin',
      definition: proto.PersistenceAdmin.service,
      implementation: implement(adminHandlers),
    });
  const server = await startGrpcServer('127.0.0.1:0', services);
  server.setServing(true);
  return server;
}

/** A real PipelineStage sink standing in for the transformer: acknowledges like persistence does. */
export async function startSink(write: (batch: ItemBatch__Output) => Promise<Ack>): Promise<GrpcServer> {
  const sink = createSinkStage({ stage: 'sink', logger, registry: createMetricsRegistry('sink'), write });
  const server = await startGrpcServer('127.0.0.1:0', [
    {
      name: 'sluice.v1.PipelineStage',
      definition: sluiceProto().PipelineStage.service,
      implementation: sink.implementation,
    },
  ]);
  server.setServing(true);
  return server;
}

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  registry: ReturnType<typeof createMetricsRegistry>;
  close(): Promise<void>;
}

export async function startApp(options: {
  persistencePort: number;
  sinkPort?: number;
  settings?: GatewaySettings;
  bootstrapKey?: string;
  ready?: () => boolean;
}): Promise<TestApp> {
  const settings = options.settings ?? testSettings();
  const proto = sluiceProto();
  const persistence = connect('Persistence', `127.0.0.1:${options.persistencePort}`);
  await waitForReady(persistence, 5000);
  const upstreams: Upstreams = { persistence };
  let sender: PipelineSender | undefined;
  let push: PushChannel | undefined;
  let sinkClient: PipelineStageClient | undefined;
  if (options.sinkPort !== undefined) {
    sinkClient = connect('PipelineStage', `127.0.0.1:${options.sinkPort}`);
    const client = sinkClient;
    sender = new PipelineSender({
      connect: () => client.Process({ deadline: deadlineIn(60_000) }),
      maxInFlightItems: settings.push_max_in_flight_items,
      initialBackoffMs: 20,
      maxBackoffMs: 200,
      onEvent: (event) => push?.onStreamEvent(event),
    });
    push = new PushChannel(sender, settings.push_max_in_flight_items);
  }
  const registry = createMetricsRegistry('gateway');
  const app = await buildApp({
    settings,
    logger,
    registry,
    authenticator: new Authenticator({
      bootstrapKey: options.bootstrapKey ?? KEYS.admin,
      configuredKeys: settings.api_keys,
    }),
    upstreams,
    push,
    readiness: async () => ({ ready: options.ready?.() ?? true, detail: {} }),
  });
  return {
    app,
    registry,
    async close() {
      await app.close();
      sender?.abort();
      persistence.close();
      sinkClient?.close();
    },
  };
}

export function storedItem(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    source_id: 'feed-a',
    source_kind: 'rss',
    external_id: `ext-${id}`,
    url: `https://example.org/${id}`,
    title: `Title ${id}`,
    text: `Body of ${id}`,
    language: 'en',
    collected_at_ms: 1_700_000_000_000,
    published_at_ms: 0,
    classifications: [{ model: 'sentiment-v1', task: 'sentiment', labels: [{ name: 'positive', score: 0.9 }] }],
    score: {
      value: 0.5,
      components: [{ name: 'freshness', value: 0.5, weight: 1, detail: '' }],
      formula_version: 'v1',
    },
    embedding: { model: 'e', values: [0.1, 0.2] },
    ...overrides,
  };
}
