// Runs one Sluice service as a separate Node.js process, the way the CLI, the tests and the benchmarks do.
import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { START_ORDER, type SluiceServiceName } from '@sluice/protocol';
import { repoRoot } from '@sluice/service-kit';

/** Every service in start order (packages/protocol pipeline.ts: each after the services it calls). */
export const SERVICE_NAMES: readonly ServiceName[] = START_ORDER;
export type ServiceName = SluiceServiceName;

export interface ServiceProcess {
  name: ServiceName;
  child: ChildProcess;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
  /** Asks for a graceful shutdown (IPC message, works on Windows too); kills after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<number | null>;
  /** Last lines of the process output (for error messages). */
  tail(lines?: number): string;
}

export interface SpawnOptions {
  env: NodeJS.ProcessEnv;
  /** Where stdout/stderr go: a log file path, or 'inherit'. Default: kept in memory only. */
  logFile?: string;
  /** Extra Node.js flags, e.g. ['--max-old-space-size=512']. */
  nodeFlags?: string[];
}

export function serviceEntry(name: ServiceName): string {
  return path.join(repoRoot, 'services', name, 'src', 'main.ts');
}

export function spawnService(name: ServiceName, options: SpawnOptions): ServiceProcess {
  const child = fork(serviceEntry(name), [], {
    cwd: repoRoot,
    env: { ...options.env, SLUICE_PROCESS_NAME: name, SLUICE_STOPPED_BY_PARENT: '1' },
    // SLUICE_NODE_FLAGS adds Node.js flags to every service (e.g. "--cpu-prof --cpu-prof-dir=prof" to profile a
    // whole run: NODE_OPTIONS refuses --cpu-prof).
    execArgv: [
      '--import',
      'tsx',
      ...(options.nodeFlags ?? []),
      ...(options.env.SLUICE_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean),
    ],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const recent: string[] = [];
  let file: WriteStream | undefined;
  if (options.logFile) {
    mkdirSync(path.dirname(options.logFile), { recursive: true });
    file = createWriteStream(options.logFile, { flags: 'a' });
  }
  const capture = (chunk: Buffer) => {
    file?.write(chunk);
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (!line) continue;
      recent.push(line);
      if (recent.length > 200) recent.shift();
    }
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      file?.end();
      resolve(code);
    }),
  );
  return {
    name,
    child,
    exited,
    async stop(timeoutMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      if (child.connected) child.send({ type: 'shutdown' });
      else child.kill();
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    tail(lines = 30) {
      return recent.slice(-lines).join('\n');
    },
  };
}
