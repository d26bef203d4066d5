// `sluice start` as a user runs it, in its own process group: a service SIGKILLed mid-run is restarted and
// reported, the restart shows in the CLI's metrics, and Ctrl+C (SIGINT to the whole group, as a terminal
// sends it) stops everything within the documented bound even while a stage is down.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@sluice/service-kit';
import { addressEnv, allocateAddresses, createTestDatabase, freePort, type TestDatabase } from '@sluice/stack';

const STOP_BOUND_MS = 10_000;

let db: TestDatabase;
let cli: ChildProcess;
let output = '';
let exit: Promise<{ code: number | null; signal: string | null }>;

function waitFor(pattern: RegExp, timeoutMs = 240_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const match = output.match(pattern);
      if (match) resolve(match);
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`));
      else setTimeout(poll, 100);
    };
    poll();
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  db = await createTestDatabase('sluice_cli_supervision');
});

afterAll(async () => {
  if (cli?.pid && alive(cli.pid)) process.kill(-cli.pid, 'SIGKILL');
  await db?.drop();
});

describe('sluice start under supervision', () => {
  it('restarts a killed service, reports it, and stops within the bound on Ctrl+C while a stage is down', async () => {
    const metricsPort = await freePort();
    cli = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'packages/cli/src/main.ts'), 'start', '--items', 'all'],
      {
        cwd: repoRoot,
        detached: true, // its own process group, like a terminal job
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          ...addressEnv(await allocateAddresses()),
          DATABASE_URL: db.url,
          SLUICE_API_KEY: 'cli-supervision-test-key-0123456789',
          SLUICE__LOG__LEVEL: 'warn',
          SLUICE__CLI__METRICS_PORT: String(metricsPort),
          // First restart after 2.5–5 s, the second after 5–10 s: long enough to press Ctrl+C while it is down.
          SLUICE__CLI__RESTART_INITIAL_DELAY_MILLISECONDS: '5000',
          SLUICE__CLI__RESTART_MAX_DELAY_MILLISECONDS: '60000',
          SLUICE__CLI__RESTART_RESET_AFTER_SECONDS: '600',
        },
      },
    );
    cli.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    cli.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exit = new Promise((resolve) => cli.once('exit', (code, signal) => resolve({ code, signal })));

    const pids = new Map<string, number>();
    await waitFor(/All services ready/);
    for (const match of output.matchAll(/✓ (\w+) ready \(pid (\d+)\)/g)) pids.set(match[1]!, Number(match[2]));
    expect([...pids.keys()].sort()).toEqual([
      'collector',
      'gateway',
      'inference',
      'persistence',
      'scorer',
      'transformer',
    ]);
    await waitFor(/Running the sample source/);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    process.kill(pids.get('transformer')!, 'SIGKILL');

    const exited = await waitFor(
      /! transformer was killed by SIGKILL after [\d.]+ s up; restart 1 in ([\d.]+) s \(same ports\)/,
    );
    expect(Number(exited[1])).toBeGreaterThanOrEqual(2.5);
    expect(Number(exited[1])).toBeLessThanOrEqual(5);
    const back = await waitFor(/✓ transformer is back \(restart 1, pid (\d+), down [\d.]+ s\)/);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toContain('sluice_supervisor_restarts_total{service="transformer"} 1');
    expect(metrics).toContain('sluice_supervisor_restarts_total{service="collector"} 0');

    // Down again, with items of the run still in flight towards it: Ctrl+C now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    process.kill(Number(back[1]), 'SIGKILL');
    await waitFor(/! transformer was killed by SIGKILL after [\d.]+ s up; restart 2 in/);
    expect(output).not.toContain('Summary'); // the run is still going
    const interrupted = Date.now();
    process.kill(-cli.pid!, 'SIGINT');
    const result = await exit;
    const stopMs = Date.now() - interrupted;
    expect(stopMs, output).toBeLessThan(STOP_BOUND_MS + 2_000);
    expect(result.code).toBe(130);
    expect(output).toMatch(/Ctrl\+C: stopping services \(draining in-flight items, at most 10 s\)/);
    expect(output).toMatch(/Services stopped in [\d.]+ s\./);
    for (const [name, pid] of pids) expect(alive(pid), `${name} (pid ${pid}) still runs`).toBe(false);
    expect(output).not.toMatch(/transformer is back \(restart 2/);
  }, 400_000);
});
