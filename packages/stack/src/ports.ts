import { readFileSync } from 'node:fs';
import net from 'node:net';

// Ports handed to child services come from outside the OS's ephemeral range. Outgoing connections
// (PostgreSQL pools, gRPC channels, HTTP load generators) take their local ports from that range, so a port
// the OS picked with listen(0) can be taken by one of them between allocation and the child's own listen
// (seen in CI as EADDRINUSE on a collector start).
const LOWEST_PORT = 20_000;
/** Linux default (32768–60999); Windows and macOS use 49152–65535. */
const DEFAULT_EPHEMERAL_LOW = process.platform === 'linux' ? 32_768 : 49_152;
const handedOut = new Set<number>();

function ephemeralLow(): number {
  if (process.platform !== 'linux') return DEFAULT_EPHEMERAL_LOW;
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : DEFAULT_EPHEMERAL_LOW;
  } catch {
    return DEFAULT_EPHEMERAL_LOW;
  }
}

/** Binds and releases `host:port`: the bound port, or the error code (EADDRINUSE, EACCES, …). */
function listenOnce(port: number, host = '127.0.0.1'): Promise<number | string> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    server.listen(port, host, () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A TCP port free on 127.0.0.1 right now, below the ephemeral range and not handed out before by this
 * process. Falls back to an OS-picked port where the range leaves no room.
 */
export async function freePort(): Promise<number> {
  const high = Math.min(ephemeralLow(), 65_536);
  if (high - LOWEST_PORT >= 1_000) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const port = LOWEST_PORT + Math.floor(Math.random() * (high - LOWEST_PORT));
      if (handedOut.has(port)) continue;
      if ((await listenOnce(port)) === port) {
        handedOut.add(port);
        return port;
      }
    }
  }
  const port = await listenOnce(0);
  if (typeof port !== 'number') throw new Error(`no free TCP port on 127.0.0.1 (${port})`);
  handedOut.add(port);
  return port;
}

/**
 * Whether nothing else holds `host:port` right now. Only "in use" counts: other failures (a host that is not
 * this machine's) are left for the service itself to report when it binds.
 */
export async function canListen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return (await listenOnce(port, host)) !== 'EADDRINUSE';
}
