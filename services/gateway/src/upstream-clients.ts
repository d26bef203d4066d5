// gRPC clients of the backends the gateway translates to. Channels connect lazily and reconnect by
// themselves, so the gateway starts even when a backend is still starting (readiness says so).
import {
  connect,
  type CollectorClient,
  type InferenceClient,
  type PersistenceAdminClient,
  type PersistenceClient,
} from '@sluice/protocol';
import type { ServicesConfig } from '@sluice/service-kit';

export interface Upstreams {
  persistence: PersistenceClient;
  /** API keys, jobs and source definitions (served by the persistence process). */
  admin?: PersistenceAdminClient;
  inference?: InferenceClient;
  collector?: CollectorClient;
}

export function connectUpstreams(services: ServicesConfig): Upstreams {
  return {
    persistence: connect('Persistence', services.persistence.grpc_address),
    admin: connect('PersistenceAdmin', services.persistence.grpc_address),
    inference: connect('Inference', services.inference.grpc_address),
    collector: connect('Collector', services.collector.grpc_address),
  };
}

export function closeUpstreams(upstreams: Upstreams): void {
  for (const client of Object.values(upstreams)) client?.close();
}
