// grpc.health.v1 on every service: the server side from grpc-health-check, and a small client to probe it.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { HealthImplementation, protoPath as healthProtoPath, type ServingStatus } from 'grpc-health-check';
import { CHANNEL_OPTIONS, deadlineIn } from './channel.js';
import { child } from './load.js';

export { HealthImplementation };
export type { ServingStatus };

interface HealthClient extends grpc.Client {
  check(
    request: { service: string },
    options: grpc.CallOptions,
    callback: grpc.requestCallback<{ status: string }>,
  ): grpc.ClientUnaryCall;
}

type HealthClientConstructor = new (
  address: string,
  credentials: grpc.ChannelCredentials,
  options?: grpc.ChannelOptions,
) => HealthClient;

let HealthClientCtor: HealthClientConstructor | undefined;

/** A loaded client constructor whose prototype has health.proto's `check`. */
function isHealthClientConstructor(value: unknown): value is HealthClientConstructor {
  return (
    typeof value === 'function' && typeof (value.prototype as { check?: unknown } | undefined)?.check === 'function'
  );
}

/** Asks a server for its serving status ("" = the whole server). Resolves "UNREACHABLE" on any error. */
export async function checkHealth(
  address: string,
  service = '',
  timeoutMs = 1000,
): Promise<ServingStatus | 'UNREACHABLE' | 'SERVICE_UNKNOWN'> {
  if (!HealthClientCtor) {
    const definition = protoLoader.loadSync(healthProtoPath, { keepCase: true, enums: String, defaults: true });
    const Health = child(child(child(grpc.loadPackageDefinition(definition), 'grpc'), 'health'), 'v1')?.Health;
    if (!isHealthClientConstructor(Health)) throw new Error('grpc-health-check: grpc.health.v1.Health did not load');
    HealthClientCtor = Health;
  }
  const client = new HealthClientCtor(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  try {
    return await new Promise((resolve) => {
      client.check({ service }, { deadline: deadlineIn(timeoutMs) }, (error, response) => {
        if (error) resolve(error.code === grpc.status.NOT_FOUND ? 'SERVICE_UNKNOWN' : 'UNREACHABLE');
        else resolve((response?.status ?? 'UNKNOWN') as ServingStatus);
      });
    });
  } finally {
    client.close();
  }
}
