// Server-sent events on a hijacked fastify reply: `event: <name>\ndata: <json>\n\n`, with a comment line as
// heartbeat so proxies keep the connection open.
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface EventStream {
  send(event: string, data: unknown): void;
  end(): void;
  readonly closed: boolean;
  onClose(listener: () => void): void;
}

export function openEventStream(request: FastifyRequest, reply: FastifyReply, heartbeatMs = 15_000): EventStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  let closed = false;
  const closeListeners: Array<() => void> = [];
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const listener of closeListeners) listener();
  };
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), heartbeatMs);
  heartbeat.unref();
  request.raw.on('close', close);
  raw.on('close', close);
  return {
    send(event, data) {
      if (!closed) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      if (closed) return;
      raw.end();
      close();
    },
    get closed() {
      return closed;
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
  };
}
