// The container health check (deploy/docker/healthcheck.ts) run as the container runs it: a real process
// against real HTTP servers standing in for a service's ops port.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readinessPort, runningServices } from '../../deploy/docker/healthcheck.js';
import { repoRoot } from './deploy-files.js';

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'deploy/docker/healthcheck.ts', ...args],
      { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 30_000 },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

let status = 200;
const server = http.createServer((req, res) => res.writeHead(req.url === '/readyz' ? status : 404).end());
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('container health check', () => {
  it('exits 0 when the service answers /readyz with 200 on the port its configuration names', async () => {
    status = 200;
    expect(await run(['scorer'], { SLUICE__SERVICES__SCORER__HTTP_PORT: String(port) })).toMatchObject({ code: 0 });
  });

  it('exits 1 with a reason when the service is not ready, or nothing listens', async () => {
    status = 503;
    const notReady = await run(['scorer'], { SLUICE__SERVICES__SCORER__HTTP_PORT: String(port) });
    expect(notReady.code).toBe(1);
    expect(notReady.stderr).toMatch(/scorer \/readyz on port \d+ answered 503/);
    const closed = await run(['scorer'], { SLUICE__SERVICES__SCORER__HTTP_PORT: '1' });
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(/answered nothing/);
  });

  it('reads ports from the configuration with the environment overrides applied', () => {
    expect(readinessPort('gateway', { SLUICE__SERVICES__GATEWAY__HTTP_PORT: '18080' })).toBe(18080);
    expect(() => readinessPort('nope', {})).toThrow(/unknown service "nope"/);
  });

  it('finds the services running in the container from the process command lines', () => {
    const proc = mkdtempSync(path.join(tmpdir(), 'sluice-proc-'));
    const processes: Record<string, string[]> = {
      '1': ['node', '--import', 'tsx', 'packages/cli/src/main.ts', 'start', '--serve'],
      '17': ['node', '--import', 'tsx', 'services/transformer/src/main.ts'],
      '18': ['/usr/local/bin/node', '--import', 'tsx', '/app/services/gateway/src/main.ts'],
      self: ['ignored'],
    };
    for (const [pid, argv] of Object.entries(processes)) {
      mkdirSync(path.join(proc, pid));
      writeFileSync(path.join(proc, pid, 'cmdline'), `${argv.join('\0')}\0`);
    }
    mkdirSync(path.join(proc, '99')); // a process that ended: no cmdline
    try {
      expect(runningServices(proc)).toEqual(['gateway', 'transformer']);
    } finally {
      rmSync(proc, { recursive: true, force: true });
    }
  });
});
