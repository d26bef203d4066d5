// SSRF guard at connect time: undici's `connect` hook resolves the host itself, checks every address
// against a block list of loopback/private/link-local/metadata ranges, and connects to the checked address
// (so DNS rebinding between check and connect is impossible). Agent-level filters are ignored by undici and
// a `lookup` hook never sees IP literals (see FACTS.md), hence the connector. Each redirect hop connects anew.
import dns from 'node:dns/promises';
import net from 'node:net';
import { buildConnector } from 'undici';
import { SourceFetchError } from './fetch-error.js';
import { embeddedIPv4, type PrivateNetworkAllowlist } from './private-network-allowlist.js';

const V4_BLOCKED: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const V6_BLOCKED: Array<[string, number]> = [
  // ::/96 holds ::, ::1 and the deprecated IPv4-compatible range. (No ::ffff:0:0/96 here: net.BlockList matches
  // IPv4 addresses against mapped IPv6 rules, so it would block every IPv4 address; mapped forms are unwrapped.)
  ['::', 96],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

const blockList = new net.BlockList();
for (const [address, prefix] of V4_BLOCKED) blockList.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of V6_BLOCKED) blockList.addSubnet(address, prefix, 'ipv6');

/** True when connecting to this IP address must be refused (private, loopback, link-local, metadata, ...). */
export function isBlockedAddress(address: string): boolean {
  // IPv4-mapped (::ffff:a.b.c.d, ::ffff:7f00:1) and IPv4-compatible forms are judged by their IPv4 address.
  const v4 = embeddedIPv4(address);
  if (v4) return blockList.check(v4, 'ipv4');
  const family = net.isIP(address);
  if (family === 4) return blockList.check(address, 'ipv4');
  if (family === 6) return blockList.check(address, 'ipv6');
  return true; // not an IP: never connect blindly
}

export interface GuardOptions {
  /** false: the guard is off (config sources with allow_private_network). */
  enforce: boolean;
  /** The operator's exceptions (collector.http.private_network_allowlist). */
  allowlist: PrivateNetworkAllowlist;
  connectTimeoutMs: number;
  /** Test seam: the resolver (default dns.lookup with all addresses). */
  lookup?: (host: string) => Promise<Array<{ address: string; family: number }>>;
}

/** An undici connector enforcing the guard. */
export function createGuardedConnector(options: GuardOptions): buildConnector.connector {
  const base = buildConnector({ timeout: options.connectTimeoutMs, keepAlive: true });
  const { allowlist } = options;
  const lookup = options.lookup ?? ((host: string) => dns.lookup(host, { all: true, verbatim: true }));
  return (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
    const literal = net.isIP(host) !== 0;
    const resolve = literal ? Promise.resolve([{ address: host, family: net.isIP(host) }]) : lookup(host);
    resolve
      .then((addresses) => {
        if (addresses.length === 0) throw Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' });
        const exempt = !options.enforce || allowlist.allowsHost(host);
        if (!exempt) {
          // Every address must pass, not only the one connected to: a name must not mix public and private ones.
          const blocked = addresses.find((a) => isBlockedAddress(a.address) && !allowlist.allowsAddress(a.address));
          if (blocked) {
            throw new SourceFetchError(
              'ssrf_blocked',
              `refused to connect to ${host} (${blocked.address}): private, loopback or link-local address; an operator can allow it in collector.http.private_network_allowlist`,
              { retryable: false },
            );
          }
        }
        // Connect to the address just checked, never to a second lookup of the name (DNS rebinding).
        const target = addresses[0]!;
        base(
          {
            ...connectOptions,
            hostname: target.address,
            servername: connectOptions.servername ?? (literal ? undefined : host),
          },
          callback,
        );
      })
      .catch((error: Error) => callback(error, null));
  };
}
