// A PostgreSQL cluster of the chaos suite's own (initdb into a temporary folder, a free port, trust auth), so
// the suite can restart it and terminate its connections without touching any shared server.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '@sluice/stack';

/** The server binaries: $SLUICE_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian), else PATH. */
export function findPostgresBin(): string {
  const fromEnv = process.env.SLUICE_PG_BIN;
  if (fromEnv) {
    if (!existsSync(path.join(fromEnv, 'initdb'))) throw new Error(`SLUICE_PG_BIN=${fromEnv} has no initdb`);
    return fromEnv;
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  try {
    const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(path.join(bin, 'initdb'))) return bin;
  } catch {
    /* no pg_config */
  }
  throw new Error(
    'no PostgreSQL server binaries found (initdb): install postgresql (Debian: apt-get install postgresql) or set SLUICE_PG_BIN',
  );
}

export interface PostgresCluster {
  port: number;
  /** postgres://… of the suite's database. */
  url: string;
  /** Stops the server at once (crash-like, recovery on start) and starts it again; resolves when it accepts connections. */
  restart(): Promise<void>;
  /** pg_terminate_backend on every connection to the suite's database except the caller's; returns how many. */
  terminateConnections(): Promise<number>;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

/** initdb refuses to run as root: run the server as the `postgres` user then (its folder handed over). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, and there is no "postgres" user to run a PostgreSQL server as');
  }
}

function run(
  bin: string,
  args: string[],
  user: { uid: number; gid: number } | undefined,
  timeoutMs = 60_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ?? {}),
      env: { ...process.env, LC_ALL: 'C' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(bin)} ${args.join(' ')} failed (${code}):\n${output}`));
    });
  });
}

export async function startPostgresCluster(database = 'sluice_chaos'): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  const user = serverUser();
  const root = mkdtempSync(path.join(os.tmpdir(), 'sluice-chaos-pg-'));
  const dataDir = path.join(root, 'data');
  if (user) chownSync(root, user.uid, user.gid);
  await run(
    path.join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8'],
    user,
  );
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`;
  // fsync=off only skips flushing to the disk: every commit is still written to the WAL before it returns, so a
  // crash of the server processes (the immediate stop below) loses nothing the OS holds. synchronous_commit=off
  // would lose the last commits on such a crash, acknowledged ones included (seen in the first chaos runs).
  const pgCtl = (...args: string[]) =>
    run(
      path.join(bin, 'pg_ctl'),
      ['-D', dataDir, '-l', path.join(root, 'server.log'), '-w', '-t', '60', ...args],
      user,
    );
  await pgCtl('-o', options, 'start');
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    async restart() {
      await pgCtl('-m', 'immediate', 'stop');
      await pgCtl('-o', options, 'start');
    },
    async terminateConnections() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string }>(
          'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [database],
        );
        return Number(rows[0]?.n ?? 0);
      } finally {
        await client.end();
      }
    },
    async destroy() {
      await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
