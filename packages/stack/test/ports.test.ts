import { readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { canListen, freePort } from '../src/ports.js';
import { busyAddresses } from '../src/stack.js';

const ephemeralLow =
  process.platform === 'linux'
    ? Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0])
    : 49_152;

const listen = (port: number) =>
  new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe('freePort', () => {
  it('hands out distinct, bindable ports below the ephemeral range that outgoing connections use', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 100; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(ephemeralLow);
    }
    const servers = await Promise.all(ports.slice(0, 10).map(listen));
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('skips ports that other servers already listen on', async () => {
    // Hold 200 ports of the range that freePort never handed out; 100 more requests must avoid all of them.
    const held: net.Server[] = [];
    while (held.length < 200) {
      const port = 20_000 + Math.floor(Math.random() * (ephemeralLow - 20_000));
      held.push(await listen(port).catch(() => undefined as never));
    }
    const live = held.filter(Boolean);
    const heldPorts = new Set(live.map((s) => (s.address() as net.AddressInfo).port));
    for (let i = 0; i < 100; i++) expect(heldPorts.has(await freePort())).toBe(false);
    await Promise.all(live.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('names the configured addresses something else already listens on', async () => {
    const [grpcTaken, httpTaken, grpcFree, httpFree] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const held = await Promise.all([listen(grpcTaken), listen(httpTaken)]);
    try {
      expect(await canListen(grpcTaken)).toBe(false);
      expect(await canListen(grpcFree)).toBe(true);
      // An address that is not this machine's is not "in use": the service reports it when it binds.
      expect(await canListen(grpcFree, '192.0.2.1')).toBe(true);
      const busy = await busyAddresses({
        inference: { grpcAddress: `127.0.0.1:${grpcTaken}`, httpPort: httpFree },
        scorer: { grpcAddress: `localhost:${grpcFree}`, httpPort: httpTaken },
        transformer: { grpcAddress: `dns:///127.0.0.1:${grpcTaken}`, httpPort: httpFree },
      });
      expect(busy).toEqual([
        `inference gRPC 127.0.0.1:${grpcTaken}`,
        `scorer HTTP port ${httpTaken}`,
        `transformer gRPC dns:///127.0.0.1:${grpcTaken}`,
      ]);
    } finally {
      await Promise.all(held.map((s) => new Promise((resolve) => s.close(resolve))));
    }
    expect(await busyAddresses({ inference: { grpcAddress: `127.0.0.1:${grpcTaken}`, httpPort: httpTaken } })).toEqual(
      [],
    );
  });
});
