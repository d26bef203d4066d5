// Starts the whole pipeline (or part of it) as separate processes on free loopback ports.
import path from 'node:path';
import { checkHealth } from '@sluice/protocol';
import { canListen, freePort } from './ports.js';
import { SERVICE_NAMES, spawnService, type ServiceName, type ServiceProcess } from './service-process.js';

export interface StackAddresses {
  [name: string]: { grpcAddress: string; httpPort: number };
}

export interface StackOptions {
  /** Services to start (default: all six), started in dependency order: persistence first, gateway last. */
  services?: readonly ServiceName[];
  /** Environment for every service (DATABASE_URL, SLUICE__… overrides). */
  env?: NodeJS.ProcessEnv;
  /** Per-service extra environment. */
  serviceEnv?: Partial<Record<ServiceName, NodeJS.ProcessEnv>>;
  /** Use these ports instead of free ones (e.g. the configured defaults in the CLI). */
  addresses?: StackAddresses;
  /** Directory for one log file per service. */
  logDir?: string;
  readyTimeoutMs?: number;
  onStatus?: (name: ServiceName, status: string) => void;
}

export interface Stack {
  addresses: StackAddresses;
  processes: Map<ServiceName, ServiceProcess>;
  /** Environment that points a process at this stack (the SLUICE__SERVICES__… overrides). */
  env: NodeJS.ProcessEnv;
  httpUrl(name: ServiceName): string;
  stop(): Promise<void>;
}

/** Environment overrides that tell every service where the others listen. */
export function addressEnv(addresses: StackAddresses): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, address] of Object.entries(addresses)) {
    env[`SLUICE__SERVICES__${name.toUpperCase()}__GRPC_ADDRESS`] = address.grpcAddress;
    env[`SLUICE__SERVICES__${name.toUpperCase()}__HTTP_PORT`] = String(address.httpPort);
  }
  return env;
}

export async function allocateAddresses(): Promise<StackAddresses> {
  const addresses: StackAddresses = {};
  for (const name of SERVICE_NAMES) addresses[name] = { grpcAddress: `127.0.0.1:${await freePort()}`, httpPort: await freePort() };
  return addresses;
}

/**
 * The configured addresses of `services` that something else already listens on, as "name gRPC host:port" /
 * "name HTTP port N" (checked on the loopback address the services bind by default). Lets a caller with fixed
 * ports say which port is taken, and by which setting, before starting anything.
 */
export async function busyAddresses(addresses: StackAddresses, services: readonly ServiceName[] = SERVICE_NAMES): Promise<string[]> {
  const busy: string[] = [];
  for (const name of services) {
    const address = addresses[name];
    if (!address) continue;
    // host:port or dns:///host:port (a service binds one address; ipv4: lists name peers, not a listener).
    const plain = address.grpcAddress.replace(/^dns:\/\/\//, '');
    const separator = plain.lastIndexOf(':');
    const host = plain.slice(0, separator).replace(/^\[|\]$/g, '') || '127.0.0.1';
    const port = plain.startsWith('ipv4:') ? 0 : Number(plain.slice(separator + 1));
    if (port > 0 && !(await canListen(port, host === 'localhost' ? '127.0.0.1' : host))) busy.push(`${name} gRPC ${address.grpcAddress}`);
    if (address.httpPort > 0 && !(await canListen(address.httpPort))) busy.push(`${name} HTTP port ${address.httpPort}`);
  }
  return busy;
}

/** Polls the service's gRPC health until SERVING; fails early if the process exits. */
export async function waitUntilServing(proc: ServiceProcess, grpcAddress: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${proc.name} exited during start-up:\n${proc.tail()}`);
    if ((await checkHealth(grpcAddress, '', 1000)) === 'SERVING') return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${proc.name} was not ready after ${timeoutMs} ms:\n${proc.tail()}`);
}

/** How often a stack on ports of its own choosing is started again after a port was taken meanwhile. */
const PORT_CONFLICT_ATTEMPTS = 3;

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  if (options.addresses) return startStackOn(options.addresses, options);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startStackOn(await allocateAddresses(), options);
    } catch (error) {
      // Another process may bind a port between allocation and a service's listen; new ports fix that.
      if (attempt >= PORT_CONFLICT_ATTEMPTS || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startStackOn(addresses: StackAddresses, options: StackOptions): Promise<Stack> {
  const wanted = options.services ?? SERVICE_NAMES;
  const env = { ...process.env, ...options.env, ...addressEnv(addresses) };
  const processes = new Map<ServiceName, ServiceProcess>();
  const stack: Stack = {
    addresses,
    processes,
    env: addressEnv(addresses),
    httpUrl: (name) => `http://127.0.0.1:${addresses[name]!.httpPort}`,
    async stop() {
      // Reverse dependency order: sources first, sink last, so in-flight items drain downstream.
      for (const name of [...SERVICE_NAMES].reverse()) {
        const proc = processes.get(name);
        if (proc) await proc.stop();
      }
    },
  };
  try {
    for (const name of SERVICE_NAMES) {
      if (!wanted.includes(name)) continue;
      options.onStatus?.(name, 'starting');
      const proc = spawnService(name, {
        env: { ...env, ...options.serviceEnv?.[name] },
        logFile: options.logDir ? path.join(options.logDir, `${name}.log`) : undefined,
      });
      processes.set(name, proc);
      await waitUntilServing(proc, addresses[name]!.grpcAddress, options.readyTimeoutMs ?? 120_000);
      options.onStatus?.(name, 'ready');
    }
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}
