// Starts the whole pipeline (or part of it) as separate processes on free loopback ports.
import path from 'node:path';
import { getOrCreateCounter, type Registry } from '@sluice/service-kit';
import { canListen, freePort } from './ports.js';
import type { RestartPolicy } from './restart-policy.js';
import { SERVICE_NAMES, spawnService, type ServiceName, type ServiceProcess } from './service-process.js';
import { SupervisedService, type GaveUp, type SupervisorEvent } from './supervised-service.js';
import { waitUntilServing } from './wait-until-serving.js';

export interface StackAddresses {
  /** opsPort: where a service whose httpPort is a public API (the gateway) serves /metrics. */
  [name: string]: { grpcAddress: string; httpPort: number; opsPort?: number };
}

export interface StackOptions {
  /** Services to start (default: all six), started in dependency order: persistence first, gateway last. */
  services?: readonly ServiceName[];
  /** Environment for every service (DATABASE_URL, SLUICE__… overrides). */
  env?: NodeJS.ProcessEnv;
  /** Per-service extra environment. */
  serviceEnv?: Partial<Record<ServiceName, NodeJS.ProcessEnv>>;
  /** Per-service extra Node.js flags (e.g. `sluice profile`'s --cpu-prof-dir, one folder per service). */
  serviceNodeFlags?: Partial<Record<ServiceName, string[]>>;
  /** Use these ports instead of free ones (e.g. the configured defaults in the CLI). */
  addresses?: StackAddresses;
  /** Directory for one log file per service. */
  logDir?: string;
  readyTimeoutMs?: number;
  onStatus?: (name: ServiceName, status: string, pid?: number) => void;
  /**
   * Restart services that exit on their own (after their first start), on the same ports, with this backoff
   * and budget. Default: no supervision (a test sees a crash as a failure).
   */
  restart?: RestartPolicy;
  /** Every restart decision (exited, restarted, gave_up). */
  onSupervisorEvent?: (event: SupervisorEvent) => void;
  /** Where `sluice_supervisor_restarts_total{service}` is registered (the CLI serves it). */
  registry?: Registry;
  /** Default bound of stop(): after it, whatever still runs is killed. */
  stopTimeoutMs?: number;
}

export interface Stack {
  addresses: StackAddresses;
  processes: Map<ServiceName, ServiceProcess>;
  /** Environment that points a process at this stack (the SLUICE__SERVICES__… overrides). */
  env: NodeJS.ProcessEnv;
  httpUrl(name: ServiceName): string;
  /**
   * Stops every service in reverse dependency order (sources first, the sink last, so in-flight items drain
   * downstream), each within a share of `timeoutMs`; whatever still runs at the end is killed. A kill loses
   * nothing acknowledged: cursors advance only on acknowledgements.
   */
  stop(timeoutMs?: number): Promise<void>;
  /** Restarts per supervised service so far. */
  restarts(): Partial<Record<ServiceName, number>>;
  /** Resolves when a supervised service exhausted its restart budget (never, without supervision). */
  failure: Promise<GaveUp>;
  /** Resolves once the service serves (after a restart: once it is back); rejects if it was stopped or failed. */
  waitUntilUp(name: ServiceName): Promise<void>;
  /** Where the service's /metrics is: its ops port when it has one (the gateway), else its HTTP port. */
  opsUrl(name: ServiceName): string;
}

/** Environment overrides that tell every service where the others listen. */
export function addressEnv(addresses: StackAddresses): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, address] of Object.entries(addresses)) {
    env[`SLUICE__SERVICES__${name.toUpperCase()}__GRPC_ADDRESS`] = address.grpcAddress;
    env[`SLUICE__SERVICES__${name.toUpperCase()}__HTTP_PORT`] = String(address.httpPort);
    if (address.opsPort !== undefined)
      env[`SLUICE__SERVICES__${name.toUpperCase()}__OPS_PORT`] = String(address.opsPort);
  }
  return env;
}

export async function allocateAddresses(): Promise<StackAddresses> {
  const addresses: StackAddresses = {};
  for (const name of SERVICE_NAMES)
    addresses[name] = { grpcAddress: `127.0.0.1:${await freePort()}`, httpPort: await freePort() };
  // The gateway's HTTP port is its API; its metrics have a port of their own.
  addresses.gateway!.opsPort = await freePort();
  return addresses;
}

/**
 * The configured addresses of `services` that something else already listens on, as "name gRPC host:port" /
 * "name HTTP port N" (checked on the loopback address the services bind by default). Lets a caller with fixed
 * ports say which port is taken, and by which setting, before starting anything.
 */
export async function busyAddresses(
  addresses: StackAddresses,
  services: readonly ServiceName[] = SERVICE_NAMES,
): Promise<string[]> {
  const busy: string[] = [];
  for (const name of services) {
    const address = addresses[name];
    if (!address) continue;
    // host:port or dns:///host:port (a service binds one address; ipv4: lists name peers, not a listener).
    const plain = address.grpcAddress.replace(/^dns:\/\/\//, '');
    const separator = plain.lastIndexOf(':');
    const host = plain.slice(0, separator).replace(/^\[|\]$/g, '') || '127.0.0.1';
    const port = plain.startsWith('ipv4:') ? 0 : Number(plain.slice(separator + 1));
    if (port > 0 && !(await canListen(port, host === 'localhost' ? '127.0.0.1' : host)))
      busy.push(`${name} gRPC ${address.grpcAddress}`);
    if (address.httpPort > 0 && !(await canListen(address.httpPort)))
      busy.push(`${name} HTTP port ${address.httpPort}`);
    if (address.opsPort !== undefined && address.opsPort > 0 && !(await canListen(address.opsPort)))
      busy.push(`${name} ops port ${address.opsPort}`);
  }
  return busy;
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
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const restartsMetric = options.registry
    ? getOrCreateCounter(options.registry, {
        name: 'sluice_supervisor_restarts_total',
        help: 'Services restarted by the supervisor after they exited on their own',
        labelNames: ['service'],
      })
    : undefined;
  let failed: (failure: GaveUp) => void = () => undefined;
  const failure = new Promise<GaveUp>((resolve) => (failed = resolve));
  const onEvent = (event: SupervisorEvent) => {
    if (event.kind === 'exited') restartsMetric?.inc({ service: event.service });
    options.onSupervisorEvent?.(event);
    if (event.kind === 'gave_up') failed(event);
  };
  const stack: Stack = {
    addresses,
    processes,
    env: addressEnv(addresses),
    httpUrl: (name) => `http://127.0.0.1:${addresses[name]!.httpPort}`,
    opsUrl: (name) => `http://127.0.0.1:${addresses[name]!.opsPort ?? addresses[name]!.httpPort}`,
    failure,
    restarts() {
      const counts: Partial<Record<ServiceName, number>> = {};
      for (const [name, proc] of processes) if (proc instanceof SupervisedService) counts[name] = proc.restarts;
      return counts;
    },
    waitUntilUp(name) {
      const proc = processes.get(name);
      if (!proc) return Promise.reject(new Error(`${name} is not part of this stack`));
      if (proc instanceof SupervisedService) return proc.waitUntilUp();
      return proc.child.exitCode === null && proc.child.signalCode === null
        ? Promise.resolve()
        : Promise.reject(new Error(`${name} exited`));
    },
    async stop(timeoutMs = options.stopTimeoutMs ?? 60_000) {
      const deadline = Date.now() + timeoutMs;
      const order = [...SERVICE_NAMES].reverse().filter((name) => processes.has(name));
      // A service that exits while the others are being stopped is not started again.
      for (const proc of processes.values()) if (proc instanceof SupervisedService) proc.release();
      for (const [index, name] of order.entries()) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        // A fair share (twice the even split) of what is left: a service that cannot drain (its downstream is
        // down) does not eat the time of the healthy ones after it; unused time passes on.
        await processes.get(name)!.stop(Math.min(left, Math.ceil((2 * left) / (order.length - index))));
      }
      await Promise.all(order.map((name) => processes.get(name)!.stop(0)));
    },
  };
  try {
    for (const name of SERVICE_NAMES) {
      if (!wanted.includes(name)) continue;
      options.onStatus?.(name, 'starting');
      const spawn = () =>
        spawnService(name, {
          env: { ...env, ...options.serviceEnv?.[name] },
          nodeFlags: options.serviceNodeFlags?.[name],
          logFile: options.logDir ? path.join(options.logDir, `${name}.log`) : undefined,
        });
      const grpcAddress = addresses[name]!.grpcAddress;
      if (options.restart) {
        restartsMetric?.inc({ service: name }, 0);
        const proc = new SupervisedService({
          name,
          grpcAddress,
          spawn,
          policy: options.restart,
          readyTimeoutMs,
          onEvent,
        });
        processes.set(name, proc);
        await proc.start();
      } else {
        const proc = spawn();
        processes.set(name, proc);
        await waitUntilServing(proc, grpcAddress, readyTimeoutMs);
      }
      options.onStatus?.(name, 'ready', processes.get(name)!.child.pid);
    }
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}
