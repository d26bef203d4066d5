// The SSRF guard against real servers on loopback: redirects into private addresses (in every spelling), DNS
// names resolving to private or IPv4-mapped IPv6 addresses, and DNS rebinding. Names are resolved by a test
// resolver (the guard's lookup hook), never by real DNS. 127.0.0.2, allowlisted by the operator's CIDR entry,
// stands in for a public server; 127.0.0.1 on the same port is the private one that must never be reached.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '@sluice/service-kit';
import { SourceFetchError } from '../src/http/fetch-error.js';
import { HostBreakers } from '../src/http/host-breakers.js';
import { HttpClient } from '../src/http/http-client.js';
import { CollectorMetrics } from '../src/metrics.js';
import { breakerSettingsSchema, httpSettingsSchema } from '../src/settings.js';
import { quietLogger } from './helpers.js';

let port: number;
let privateServer: http.Server;
let publicServer: http.Server;
const privateHits: string[] = [];
const publicHits: string[] = [];

function listen(server: http.Server, host: string, at: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at, host, () => resolve((server.address() as AddressInfo).port));
  });
}

beforeAll(async () => {
  privateServer = http.createServer((req, res) => {
    privateHits.push(req.url ?? '');
    res.end('internal secret');
  });
  port = await listen(privateServer, '127.0.0.1', 0);
  publicServer = http.createServer((req, res) => {
    publicHits.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const to = url.searchParams.get('to');
    // Connection: close, so every request opens (and checks) a new connection.
    if (to) res.writeHead(302, { location: to, connection: 'close' }).end();
    else res.writeHead(200, { connection: 'close' }).end('public content');
  });
  await listen(publicServer, '127.0.0.2', port);
});

afterAll(async () => {
  for (const server of [privateServer, publicServer]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

type Lookup = (host: string) => Promise<Array<{ address: string; family: number }>>;

function client(lookup: Lookup, allowlist: string[] = ['127.0.0.2/32']) {
  const metrics = new CollectorMetrics(createMetricsRegistry('ssrf-test'));
  const settings = httpSettingsSchema.parse({
    max_retries: 0,
    request_timeout_milliseconds: 2000,
    connect_timeout_milliseconds: 1000,
    host_rate_limit_per_second: 1000,
    host_rate_limit_burst: 1000,
    private_network_allowlist: allowlist,
  });
  const breakers = new HostBreakers(breakerSettingsSchema.parse({ volume_threshold: 1000 }), quietLogger, metrics);
  return new HttpClient(settings, breakers, quietLogger, metrics, { lookup });
}

const family = (address: string) => (address.includes(':') ? 6 : 4);
const names =
  (table: Record<string, string[]>): Lookup =>
  async (host) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`test resolver: no such name ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: family(address) }));
  };

async function refusal(promise: Promise<unknown>): Promise<SourceFetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceFetchError);
    return error as SourceFetchError;
  }
  throw new Error('expected the request to be refused');
}

const guarded = { allowPrivate: false };

describe('redirects', () => {
  it('re-checks every hop: a public server redirecting into private addresses, in every spelling, is refused', async () => {
    const http = client(
      names({ localhost: ['127.0.0.1'], 'metadata.test': ['169.254.169.254'], 'mapped.test': ['::ffff:127.0.0.1'] }),
    );
    const base = `http://127.0.0.2:${port}`;
    const targets = [
      `http://127.0.0.1:${port}/secret`,
      `http://[::ffff:127.0.0.1]:${port}/secret`,
      `http://[::ffff:7f00:1]:${port}/secret`,
      `http://0x7f000001:${port}/secret`,
      `http://2130706433:${port}/secret`,
      `http://127.1:${port}/secret`,
      `http://localhost:${port}/secret`,
      `http://mapped.test:${port}/secret`,
      `http://metadata.test/latest/meta-data/`,
      // A second hop through the public server, then private.
      `${base}/hop?to=${encodeURIComponent(`http://127.0.0.1:${port}/secret`)}`,
    ];
    for (const target of targets) {
      const error = await refusal(http.get(`${base}/start?to=${encodeURIComponent(target)}`, guarded));
      expect(error.code, target).toBe('ssrf_blocked');
    }
    const notHttp = await refusal(http.get(`${base}/start?to=${encodeURIComponent('file:///etc/passwd')}`, guarded));
    expect(notHttp.code).toBe('invalid_url');
    expect(privateHits).toEqual([]);
    expect(publicHits.length).toBeGreaterThanOrEqual(targets.length);
    await http.close();
  });

  it('follows a redirect between allowed addresses (the guard is not refusing everything)', async () => {
    const http = client(names({}));
    const response = await http.get(
      `http://127.0.0.2:${port}/start?to=${encodeURIComponent(`http://127.0.0.2:${port}/final`)}`,
      guarded,
    );
    expect(response.body.toString()).toBe('public content');
    expect(response.url).toBe(`http://127.0.0.2:${port}/final`);
    await http.close();
  });
});

describe('DNS answers', () => {
  it('refuses names resolving to private, link-local, metadata, ULA or IPv4-mapped IPv6 addresses, or mixing them with public ones', async () => {
    const table: Record<string, string[]> = {
      'ten.test': ['10.1.2.3'],
      'rfc1918.test': ['192.168.0.10'],
      'cgnat.test': ['100.64.1.1'],
      'metadata.test': ['169.254.169.254'],
      'mapped-metadata.test': ['::ffff:169.254.169.254'],
      'mapped-hex.test': ['::ffff:a9fe:a9fe'],
      'mapped-loopback.test': ['::ffff:7f00:1'],
      'compat.test': ['::7f00:1'],
      'v6-loopback.test': ['::1'],
      'ula.test': ['fd12:3456::1'],
      'link-local.test': ['fe80::1'],
      'nat64.test': ['64:ff9b::a00:1'],
      'mixed.test': ['93.184.216.34', '10.0.0.1'],
      'zero.test': ['0.0.0.0'],
    };
    const http = client(names(table));
    for (const name of Object.keys(table)) {
      const error = await refusal(http.get(`http://${name}:${port}/x`, guarded));
      expect(error.code, name).toBe('ssrf_blocked');
      expect(error.message).toContain(table[name]!.find((a) => a !== '93.184.216.34')!);
    }
    expect(privateHits).toEqual([]);
    await http.close();
  });

  it('connects to an allowlisted address a name resolves to (lookups really decide where it goes)', async () => {
    const http = client(names({ 'public.test': ['127.0.0.2'] }));
    expect((await http.get(`http://public.test:${port}/x`, guarded)).body.toString()).toBe('public content');
    await http.close();
  });

  it('allows a private address only through the operator allowlist (host name, IP, CIDR)', async () => {
    for (const allowlist of [['intranet.test'], ['127.0.0.1'], ['127.0.0.0/8'], ['::ffff:127.0.0.0/104']]) {
      const http = client(names({ 'intranet.test': ['127.0.0.1'] }), allowlist);
      expect((await http.get(`http://intranet.test:${port}/ok`, guarded)).body.toString(), allowlist[0]).toBe(
        'internal secret',
      );
      await http.close();
    }
    const narrow = client(names({ 'intranet.test': ['127.0.0.1'] }), ['127.0.0.2/32', 'other.test']);
    expect((await refusal(narrow.get(`http://intranet.test:${port}/ok`, guarded))).code).toBe('ssrf_blocked');
    await narrow.close();
    privateHits.length = 0;
  });
});

describe('DNS rebinding', () => {
  it('connects to the address it checked: a resolver answering public, then private, never reaches the private server', async () => {
    let lookups = 0;
    // Alternates: an attacker's name that answers 127.0.0.2 ("public") and then 127.0.0.1 (private). A guard
    // that checked one answer and let the socket resolve the name again would reach 127.0.0.1.
    const rebinding: Lookup = async () => {
      lookups += 1;
      const address = lookups % 2 === 1 ? '127.0.0.2' : '127.0.0.1';
      return [{ address, family: 4 }];
    };
    const http = client(rebinding);
    const first = await http.get(`http://rebind.test:${port}/one`, guarded);
    expect(first.body.toString()).toBe('public content');
    expect(lookups).toBe(1);
    // The next connection gets the private answer, is checked against it and refused.
    const second = await refusal(http.get(`http://rebind.test:${port}/two`, guarded));
    expect(second.code).toBe('ssrf_blocked');
    expect(lookups).toBe(2);
    // And through a redirect to the name when its next answer is private: the hop resolves once and is refused.
    lookups = 1;
    const hop = await refusal(
      http.get(`http://127.0.0.2:${port}/start?to=${encodeURIComponent(`http://rebind.test:${port}/three`)}`, guarded),
    );
    expect(hop.code).toBe('ssrf_blocked');
    expect(lookups).toBe(2);
    expect(privateHits).toEqual([]);
    await http.close();
  });
});
