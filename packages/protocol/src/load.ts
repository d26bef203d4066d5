// Loads the contracts in protos/ at run time. Types come from src/generated (pnpm gen:proto), built with
// the same loader options, so what the code sees matches what travels on the wire.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProtoGrpcType as AdminProto } from './generated/admin.js';
import type { ProtoGrpcType as CollectorProto } from './generated/collector.js';
import type { ProtoGrpcType as ContentProto } from './generated/content.js';
import type { ProtoGrpcType as InferenceProto } from './generated/inference.js';
import type { ProtoGrpcType as PersistenceProto } from './generated/persistence.js';
import type { ProtoGrpcType as PipelineProto } from './generated/pipeline.js';
import type { ProtoGrpcType as SharedProto } from './generated/shared.js';

export const protosRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../protos');

/** The loader options the generated types were built with (see scripts/generate-types.ts). */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [protosRoot],
};

type SluiceV1 = AdminProto['sluice']['v1'] &
  CollectorProto['sluice']['v1'] &
  ContentProto['sluice']['v1'] &
  InferenceProto['sluice']['v1'] &
  PersistenceProto['sluice']['v1'] &
  PipelineProto['sluice']['v1'] &
  SharedProto['sluice']['v1'];

let cached: SluiceV1 | undefined;
let cachedDefinition: protoLoader.PackageDefinition | undefined;

/** Every file of protos/sluice/v1 as proto-loader reads it (with file descriptors, which reflection serves). */
export function sluicePackageDefinition(): protoLoader.PackageDefinition {
  if (cachedDefinition) return cachedDefinition;
  const files = readdirSync(path.join(protosRoot, 'sluice', 'v1'))
    .filter((file) => file.endsWith('.proto'))
    .map((file) => `sluice/v1/${file}`);
  cachedDefinition = protoLoader.loadSync(files, PROTO_LOADER_OPTIONS);
  return cachedDefinition;
}

/** The sluice.v1 package: service constructors (clients) and service definitions (servers). */
export function sluiceProto(): SluiceV1 {
  if (cached) return cached;
  const v1 = child(child(grpc.loadPackageDefinition(sluicePackageDefinition()), 'sluice'), 'v1');
  if (!isSluiceV1(v1)) throw new Error(`${protosRoot}: sluice.v1 lacks its services (is protos/ complete?)`);
  cached = v1;
  return cached;
}

/** A namespace of a loaded package: undefined when absent (or not a namespace). */
export function child(namespace: grpc.GrpcObject | undefined, name: string): grpc.GrpcObject | undefined {
  const value = namespace?.[name];
  return value && typeof value === 'object' && !('format' in value) ? value : undefined;
}

// The generated type describes what proto-loader builds from these files; checking the services the runtime
// relies on (each a client constructor) is what makes the narrowing honest.
const REQUIRED_SERVICES = ['PipelineStage', 'Persistence', 'Inference', 'PersistenceAdmin', 'SharedState', 'Collector'];
function isSluiceV1(value: grpc.GrpcObject | undefined): value is grpc.GrpcObject & SluiceV1 {
  return value !== undefined && REQUIRED_SERVICES.every((name) => typeof value[name] === 'function');
}
