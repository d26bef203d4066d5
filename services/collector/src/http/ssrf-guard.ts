// SSRF guard at connect time: undici's `connect` hook resolves the host itself, checks every address
// against a block list of loopback/private/link-local/metadata ranges, and connects to the checked address
// (so DNS rebinding between check and connect is impossible). Agent-level filters are ignored by undici and
// a `lookup` hook never sees IP literals (see FACTS.md), hence the connector. Each redirect hop connects anew.
import dns from 'node:dns/promises';
import net from 'node:net';
import { buildConnector } from 'undici';
import { SourceFetchError } from './fetch-error.js';

const V4_BLOCKED: Array<[string, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const V6_BLOCKED: Array<[string, number]> = [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
];

const blockList = new net.BlockList();
for (const [address, prefix] of V4_BLOCKED) blockList.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of V6_BLOCKED) blockList.addSubnet(address, prefix, 'ipv6');

/** True when connecting to this IP address must be refused (private, loopback, link-local, metadata, ...). */
export function isBlockedAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blockList.check(address, 'ipv4');
  if (family === 6) {
    const lower = address.toLowerCase();
    // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms are judged by their IPv4 address.
    const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower) ?? /^::(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped?.[1]) return blockList.check(mapped[1], 'ipv4');
    const hexMapped = /^(?:0*:)*:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
    if (hexMapped?.[1] && hexMapped[2]) {
      const hi = parseInt(hexMapped[1], 16);
      const lo = parseInt(hexMapped[2], 16);
      return blockList.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
    }
    return blockList.check(address, 'ipv6');
  }
  return true; // not an IP: never connect blindly
}

export interface GuardOptions {
  /** false: the guard is off (sources with allow_private_network). */
  enforce: boolean;
  /** Hosts or IP literals exempt from the guard. */
  allowHosts: readonly string[];
  connectTimeoutMs: number;
  /** Test seam: the resolver (default dns.lookup with all addresses). */
  lookup?: (host: string) => Promise<Array<{ address: string; family: number }>>;
}

/** An undici connector enforcing the guard. */
export function createGuardedConnector(options: GuardOptions): buildConnector.connector {
  const base = buildConnector({ timeout: options.connectTimeoutMs, keepAlive: true });
  const allow = new Set(options.allowHosts.map((h) => h.toLowerCase()));
  const lookup = options.lookup ?? ((host: string) => dns.lookup(host, { all: true, verbatim: true }));
  return (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
    const literal = net.isIP(host) !== 0;
    const resolve = literal ? Promise.resolve([{ address: host, family: net.isIP(host) }]) : lookup(host);
    resolve
      .then((addresses) => {
        if (addresses.length === 0) throw Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' });
        const exempt = !options.enforce || allow.has(host.toLowerCase());
        if (!exempt) {
          const blocked = addresses.find((a) => isBlockedAddress(a.address) && !allow.has(a.address));
          if (blocked) throw new SourceFetchError('ssrf_blocked', `refused to connect to ${host} (${blocked.address}): private, loopback or link-local address; set allow_private_network on the source to allow it`, { retryable: false });
        }
        const target = addresses[0]!;
        base({ ...connectOptions, hostname: target.address, servername: connectOptions.servername ?? (literal ? undefined : host) }, callback);
      })
      .catch((error: Error) => callback(error, null));
  };
}
