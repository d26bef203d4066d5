// The lifecycle every Sluice service shares, so each main.ts only wires its own modules:
// config → logger → metrics → build(ctx) → gRPC server (+ health) → ops HTTP server → ready;
// on SIGTERM/SIGINT/IPC "shutdown": NOT_SERVING → drain in-flight work → stop gRPC → close → exit.
import {
  createLogger,
  createMetricsRegistry,
  createShutdown,
  loadServiceConfig,
  startOpsServer,
  type ConfigSection,
  type Logger,
  type Registry,
  type ServiceConfig,
  type ShutdownController,
  type z,
} from '@sluice/service-kit';
import { startGrpcServer, type GrpcServer, type ServiceRegistration } from './server.js';

export type ServiceName = Exclude<ConfigSection, 'services' | 'log' | 'cli'>;

export interface ServiceContext<T> {
  /** Whether the service is ready (what /readyz and gRPC health report). */
  isReady(): boolean;
  name: ServiceName;
  config: ServiceConfig<T>;
  logger: Logger;
  registry: Registry;
  shutdown: ShutdownController;
  /** Updates gRPC health (all services) and /readyz together. */
  setReady(ready: boolean): void;
  /** Reads this service's section again from the config file and the environment (validated; throws ConfigError). */
  reloadSettings(): T;
}

export interface ServiceParts {
  grpc: ServiceRegistration[];
  /** When true the service stays NOT_SERVING until it calls ctx.setReady(true) (e.g. after model warm-up). */
  manualReady?: boolean;
  /** Extra readiness detail for /readyz. */
  describe?: () => Record<string, unknown>;
  /** Runs after the service stopped reading new work: finish in-flight items. */
  drain?: () => Promise<void>;
  /** Runs after the gRPC server stopped: close pools, workers, files. */
  close?: () => Promise<void>;
  /**
   * The service serves its own HTTP on services.<name>.http_port (the gateway's API, which has /healthz and
   * /readyz for load balancers but never /metrics); the ops server (with /metrics) listens on
   * services.<name>.ops_port instead, when one is configured.
   */
  ownsHttpPort?: boolean;
  /** Runs once the server listens (start background loops here). */
  started?: (info: { grpcPort: number; httpPort: number }) => Promise<void> | void;
}

export interface RunningService {
  grpc: GrpcServer;
  httpPort: number;
  stop(): Promise<void>;
}

export interface RunServiceOptions {
  /** Config file (default: $SLUICE_CONFIG or config/sluice.yaml). */
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Exit the process after shutdown (default true; tests pass false). */
  exitOnShutdown?: boolean;
}

export async function runService<S extends z.ZodType>(
  name: ServiceName,
  settingsSchema: S,
  build: (ctx: ServiceContext<z.infer<S>>) => Promise<ServiceParts>,
  options: RunServiceOptions = {},
): Promise<RunningService> {
  const config = loadServiceConfig(name, settingsSchema, { file: options.configFile, env: options.env });
  const logger = createLogger(name, config.log.level);
  const registry = createMetricsRegistry(name);
  const shutdown = createShutdown(logger, { exit: options.exitOnShutdown !== false });
  let ready = false;
  let grpcServer: GrpcServer | undefined;
  const ctx: ServiceContext<z.infer<S>> = {
    name,
    config,
    logger,
    registry,
    shutdown,
    isReady: () => ready,
    setReady(value) {
      ready = value;
      grpcServer?.setServing(value);
    },
    reloadSettings: () => loadServiceConfig(name, settingsSchema, { file: config.file, env: options.env }).settings,
  };
  const parts = await build(ctx);
  const address = config.services[name];
  grpcServer = await startGrpcServer(address.grpc_address, parts.grpc);
  const opsPort = parts.ownsHttpPort ? address.ops_port : address.http_port;
  const ops =
    opsPort === undefined
      ? undefined
      : await startOpsServer({
          port: opsPort,
          host: process.env.SLUICE_HTTP_HOST ?? '127.0.0.1',
          registry,
          isReady: () => ready,
          describe: parts.describe,
        });
  const httpPort = parts.ownsHttpPort ? address.http_port : (ops?.port ?? address.http_port);
  if (!parts.manualReady) ctx.setReady(true);
  else grpcServer.setServing(ready);
  const server = grpcServer;
  shutdown.add('not serving', () => ctx.setReady(false));
  if (parts.drain) shutdown.add('drain', parts.drain);
  shutdown.add('grpc server', () => server.shutdown(10_000));
  if (parts.close) shutdown.add('close', parts.close);
  if (ops) shutdown.add('ops server', () => ops.close());
  logger.info(
    {
      grpc_address: address.grpc_address,
      grpc_port: server.port,
      http_port: httpPort,
      ops_port: parts.ownsHttpPort ? ops?.port : undefined,
      config: config.file,
    },
    `${name} started`,
  );
  await parts.started?.({ grpcPort: server.port, httpPort });
  return { grpc: server, httpPort, stop: () => shutdown.shutdown('stop()') };
}

/** For main.ts: runs the service and turns start-up errors (bad config, port in use) into one clear line and exit 1. */
export function main<S extends z.ZodType>(
  name: ServiceName,
  settingsSchema: S,
  build: (ctx: ServiceContext<z.infer<S>>) => Promise<ServiceParts>,
): void {
  runService(name, settingsSchema, build).catch((error: Error) => {
    const logger = createLogger(name);
    logger.fatal({ err: error }, `${name} failed to start: ${error.message}`);
    logger.flush?.();
    setTimeout(() => process.exit(1), 50);
  });
}

export type { Logger };
