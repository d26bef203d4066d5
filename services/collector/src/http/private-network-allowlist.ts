// The operator's exceptions to the SSRF guard (collector.http.private_network_allowlist): host names, IP
// addresses and CIDR networks. It lives in configuration only: no API-managed source can widen it.
import net from 'node:net';

export type AllowlistEntry =
  { kind: 'host'; host: string } | { kind: 'network'; address: string; prefix: number; family: 'ipv4' | 'ipv6' };

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** An entry as a host name or a network (an IP address is a /32 or /128 network); undefined when it is neither. */
export function parseAllowlistEntry(entry: string): AllowlistEntry | undefined {
  const value = entry.trim().replace(/^\[|\]$/g, '');
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  const family = net.isIP(address);
  if (family !== 0) {
    const max = family === 4 ? 32 : 128;
    const prefixText = slash === -1 ? String(max) : value.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    const prefix = Number(prefixText);
    if (prefix > max) return undefined;
    return { kind: 'network', address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
  }
  if (slash === -1 && HOST_NAME.test(value) && !/^[\d.]+$/.test(value))
    return { kind: 'host', host: value.toLowerCase().replace(/\.$/, '') };
  return undefined;
}

/** The IPv4 address inside an IPv4-mapped or IPv4-compatible IPv6 address (::ffff:a.b.c.d, ::ffff:7f00:1, ::a.b.c.d). */
export function embeddedIPv4(address: string): string | undefined {
  if (net.isIP(address) !== 6) return undefined;
  const lower = address.toLowerCase();
  const dotted =
    /^(?:0{0,4}:){0,6}(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(lower) ?? /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1]) return dotted[1];
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] && hex[2]) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return undefined;
}

export class PrivateNetworkAllowlist {
  readonly #hosts = new Set<string>();
  readonly #networks = new net.BlockList();

  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = parseAllowlistEntry(raw);
      if (!entry) throw new Error(`not a host name, IP address or CIDR network: ${raw}`);
      if (entry.kind === 'host') this.#hosts.add(entry.host);
      else this.#networks.addSubnet(entry.address, entry.prefix, entry.family);
    }
  }

  /** The host name is listed: every address it resolves to is allowed. */
  allowsHost(host: string): boolean {
    return this.#hosts.has(host.toLowerCase().replace(/\.$/, ''));
  }

  /** The address lies in a listed network (IPv4-mapped IPv6 addresses are judged by their IPv4 address). */
  allowsAddress(address: string): boolean {
    const v4 = embeddedIPv4(address);
    if (v4) return this.#networks.check(v4, 'ipv4');
    const family = net.isIP(address);
    if (family === 0) return false;
    return this.#networks.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}
