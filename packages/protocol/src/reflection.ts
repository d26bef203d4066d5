// gRPC server reflection (grpc.reflection.v1 and v1alpha, from @grpc/reflection) on every server, so grpcurl,
// Postman and Evans can list and call a service without the .proto files.
import type * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { createRequire } from 'node:module';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { sluicePackageDefinition } from './load.js';

/** The health service every server has (server.ts adds it). */
export const HEALTH_SERVICE = 'grpc.health.v1.Health';

let definitions: protoLoader.PackageDefinition | undefined;

/** The contract plus grpc.health.v1: every file a Sluice server can serve. */
function reflectedDefinitions(): protoLoader.PackageDefinition {
  definitions ??= { ...sluicePackageDefinition(), ...protoLoader.loadSync(healthProtoPath, { keepCase: true }) };
  return definitions;
}

/**
 * Adds the reflection service to `server`, listing exactly `services` (full names, e.g. "sluice.v1.Inference")
 * and health; file_containing_symbol answers for every type those services use.
 */
export function addReflection(server: Pick<grpc.Server, 'addService'>, services: readonly string[]): void {
  // @grpc/reflection is typed against its own proto-loader copy; the definition objects are the same shape.
  const reflection = new ReflectionService(
    reflectedDefinitions() as ConstructorParameters<typeof ReflectionService>[0],
    { services: [...services, HEALTH_SERVICE] },
  );
  reflection.addToServer(server);
}

/** grpc.reflection.v1's .proto as @grpc/reflection ships it: all a client needs to explore a server. */
export const REFLECTION_PROTO_PATH = createRequire(import.meta.url).resolve(
  '@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto',
);
