import * as grpc from '@grpc/grpc-js';

/** Channel options shared by every client and server: large batches, keepalive so dead peers are noticed. */
export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': 256 * 1024 * 1024,
  'grpc.max_send_message_length': 256 * 1024 * 1024,
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_time_between_pings_ms': 10_000,
  'grpc.initial_reconnect_backoff_ms': 200,
  'grpc.max_reconnect_backoff_ms': 5_000,
  // Spread calls (each pipeline stream is one) over every address a name resolves to, so replicas behind a
  // headless Service share the work; with one address it behaves like pick_first.
  'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
};

export type ClientConstructor<C> = new (
  address: string,
  credentials: grpc.ChannelCredentials,
  options?: grpc.ChannelOptions,
) => C;

/** Creates a client for `address` (host:port) over plaintext loopback/cluster networking. */
export function createClient<C>(Client: ClientConstructor<C>, address: string): C {
  return new Client(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
}

/** A deadline `milliseconds` from now, for call options. Every call gets one (see docs/architecture.md). */
export function deadlineIn(milliseconds: number): grpc.Deadline {
  return new Date(Date.now() + milliseconds);
}

/**
 * The caller's remaining deadline passed on to a downstream call, capped at `maxMilliseconds`.
 * Use inside a handler: `client.getItem(req, { deadline: propagateDeadline(call, 5000) }, cb)`.
 */
export function propagateDeadline(call: { getDeadline(): grpc.Deadline }, maxMilliseconds: number): Date {
  const own = call.getDeadline();
  const ownMs = own instanceof Date ? own.getTime() : own === Infinity ? Infinity : Number(own);
  return new Date(Math.min(ownMs, Date.now() + maxMilliseconds));
}

/** Promise form of a unary call with a deadline. */
export function unary<Req, Res>(
  client: grpc.Client,
  method: (
    request: Req,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<Res>,
  ) => grpc.ClientUnaryCall,
  request: Req,
  timeoutMs: number,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    method.call(client, request, new grpc.Metadata(), { deadline: deadlineIn(timeoutMs) }, (error, response) => {
      if (error) reject(error);
      else resolve(response as Res);
    });
  });
}

/** Waits until the client's channel is connected, or rejects after `timeoutMs`. */
export function waitForReady(client: grpc.Client, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) =>
    client.waitForReady(deadlineIn(timeoutMs), (error) => (error ? reject(error) : resolve())),
  );
}

export { grpc };
