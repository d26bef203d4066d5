// gRPC clients of the backends the gateway translates to. Channels connect lazily and reconnect by
// themselves, so the gateway starts even when a backend is still starting (readiness says so).
import {
  createClient,
  sluiceProto,
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
  const proto = sluiceProto();
  return {
    persistence: createClient(proto.Persistence, services.persistence.grpc_address) as unknown as PersistenceClient,
    admin: createClient(proto.PersistenceAdmin, services.persistence.grpc_address) as unknown as PersistenceAdminClient,
    inference: createClient(proto.Inference, services.inference.grpc_address) as unknown as InferenceClient,
    collector: createClient(proto.Collector, services.collector.grpc_address) as unknown as CollectorClient,
  };
}

export function closeUpstreams(upstreams: Upstreams): void {
  for (const client of Object.values(upstreams)) (client as { close?: () => void } | undefined)?.close?.();
}
