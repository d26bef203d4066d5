import * as grpc from '@grpc/grpc-js';
import { CHANNEL_OPTIONS } from './channel.js';
import { HealthImplementation } from './health.js';
import { guardCalls } from './call-guards.js';
import { addReflection } from './reflection.js';

export interface GrpcServer {
  server: grpc.Server;
  /** The bound port (useful when the address asked for port 0). */
  port: number;
  health: HealthImplementation;
  /** Marks every registered service (and the server as a whole) SERVING or NOT_SERVING. */
  setServing(serving: boolean): void;
  /** Stops accepting calls; waits up to `graceMs` for open calls to finish, then cancels the rest. */
  shutdown(graceMs?: number): Promise<void>;
}

export interface ServiceRegistration {
  /** Full name for health checks, e.g. "sluice.v1.PipelineStage". */
  name: string;
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}

/** Binds a server with health checking and reflection; it starts NOT_SERVING until `setServing(true)`. */
export async function startGrpcServer(address: string, services: ServiceRegistration[]): Promise<GrpcServer> {
  const server = new grpc.Server(CHANNEL_OPTIONS);
  const names = ['', ...services.map((s) => s.name)];
  const health = new HealthImplementation(Object.fromEntries(names.map((n) => [n, 'NOT_SERVING' as const])));
  health.addToServer(server);
  addReflection(
    server,
    services.map((s) => s.name),
  );
  for (const service of services) {
    const guarded = guardCalls(service.definition, service.implementation);
    server.addService(guarded.definition, guarded.implementation);
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, boundPort) =>
      error ? reject(error) : resolve(boundPort),
    ),
  );
  return {
    server,
    port,
    health,
    setServing(serving) {
      for (const name of names) health.setStatus(name, serving ? 'SERVING' : 'NOT_SERVING');
    },
    shutdown(graceMs = 10_000) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
