// Unary calls to the backends with a deadline each, failures mapped to the API's error registry.
import { grpc, unary } from '@sluice/protocol';
import { getOrCreateCounter, type Counter, type Registry } from '@sluice/service-kit';
import { fromGrpcError, type ErrorCode, type Upstream } from './errors.js';

type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: grpc.requestCallback<Res>,
) => grpc.ClientUnaryCall;

export class UpstreamCaller {
  readonly #calls: Counter<'upstream' | 'code'>;

  constructor(
    registry: Registry,
    private readonly timeoutMs: number,
  ) {
    this.#calls = getOrCreateCounter(registry, {
      name: 'sluice_gateway_upstream_calls_total',
      help: 'gRPC calls from the gateway to a backend, by gRPC status code',
      labelNames: ['upstream', 'code'],
    });
  }

  /** Calls `method` on `client` with the configured deadline (or `timeoutMs`); throws ApiError on failure. */
  async call<Req, Res>(
    upstream: Upstream,
    client: grpc.Client,
    method: UnaryMethod<Req, Res>,
    request: Req,
    options: { timeoutMs?: number; notFound?: ErrorCode } = {},
  ): Promise<Res> {
    try {
      const response = await unary<Req, Res>(client, method, request, options.timeoutMs ?? this.timeoutMs);
      this.#calls.inc({ upstream, code: 'OK' });
      return response;
    } catch (error) {
      const code =
        typeof (error as { code?: unknown }).code === 'number'
          ? (grpc.status[(error as { code: number }).code] ?? 'UNKNOWN')
          : 'UNKNOWN';
      this.#calls.inc({ upstream, code });
      throw fromGrpcError(error, upstream, options.notFound);
    }
  }
}
