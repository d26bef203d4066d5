// Rehearsal of the Docker Compose deployment without Docker: runs the six services as local processes with the
// exact environment docker-compose.yaml gives their containers, in Compose's start order, each one required to
// pass the container health check within the time its compose healthcheck allows; then waits until the sample
// source's items are stored in PostgreSQL, checks the HTTP API with the bootstrap key, and stops everything.
// What is translated: service host names → 127.0.0.1 with every port shifted by --port-offset (the default
// ports may be in use), /app paths → this checkout, the postgres service → a fresh database on $DATABASE_URL's
// server (default: the local one). Not a unit test (it takes minutes): run it after changing deploy/compose.
//
//   node --import tsx test/deploy/rehearse-compose.ts [--items 1000] [--port-offset 1000] [--cpu]
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createTestDatabase, spawnService, type ServiceName, type ServiceProcess } from '@sluice/stack';
import { composeDir, containerEnv, cpuFile, readCompose, startOrder } from './compose-env.js';
import { configuredServices, readEnvFile, repoRoot } from './deploy-files.js';

const { values: options } = parseArgs({
  options: {
    items: { type: 'string', default: '1000' },
    'port-offset': { type: 'string', default: '1000' },
    cpu: { type: 'boolean', default: false },
  },
});
const wantedItems = Number(options.items);
const offset = Number(options['port-offset']);
const compose = readCompose();
if (options.cpu) {
  const override = readCompose(cpuFile);
  Object.assign(compose.services.inference!.environment!, override.services.inference!.environment);
}
const configured = configuredServices();
const serviceNames = Object.keys(configured);
const logDir = path.join(repoRoot, '.data', 'rehearsal');

function seconds(value: string | undefined, fallback: number): number {
  const match = /^(\d+)s$/.exec(value ?? '');
  return match ? Number(match[1]) : fallback;
}

/** The sample corpus `sluice prepare` writes (the image links it as /app/.data/sample/sample.jsonl). */
function sampleCorpus(): string {
  execFileSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'prepare', '--quiet'], { cwd: repoRoot, stdio: 'inherit' });
  const dir = path.join(repoRoot, '.data', 'sample');
  const files = readdirSync(dir).filter((f) => /^sotu-v\d+\.jsonl$/.test(f));
  if (files.length !== 1) throw new Error(`expected one sotu-v*.jsonl in ${dir}, found ${files.join(', ') || 'none'}`);
  return path.join(dir, files[0]!);
}

/** A container's environment, translated to this machine. */
function processEnv(name: string, userEnv: Record<string, string>, databaseUrl: string, corpus: string): Record<string, string> {
  const env = containerEnv(compose, name, userEnv);
  const hosts = new RegExp(`\\b(${serviceNames.join('|')}):(\\d+)\\b`, 'g');
  for (const [key, value] of Object.entries(env)) {
    env[key] = value
      .replace(hosts, (_whole, _host: string, port: string) => `127.0.0.1:${Number(port) + offset}`)
      .replace(/^0\.0\.0\.0:(\d+)$/, (_whole, port: string) => `0.0.0.0:${Number(port) + offset}`)
      // Inside JSON (the sources list) the path must be JSON-escaped (Windows back slashes).
      .replaceAll('/app/.data/sample/sample.jsonl', JSON.stringify(corpus).slice(1, -1));
  }
  for (const [peer, address] of Object.entries(configured)) env[`SLUICE__SERVICES__${peer.toUpperCase()}__HTTP_PORT`] = String(address.http_port + offset);
  if (env.DATABASE_URL) env.DATABASE_URL = databaseUrl;
  return env;
}

/** The container health check, run as Compose would run it, with the container's environment. */
function healthy(name: string, env: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) =>
    execFile(process.execPath, ['--import', 'tsx', 'deploy/docker/healthcheck.ts', name], { cwd: repoRoot, env: { ...baseEnv(), ...env }, timeout: 30_000 }, (error) => resolve(!error)),
  );
}

/** This process's environment without Sluice settings, so only the compose environment configures services. */
function baseEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter(([key, value]) => value !== undefined && !key.startsWith('SLUICE') && key !== 'DATABASE_URL')) as Record<string, string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const userEnv = { ...readEnvFile(path.join(composeDir, '.env.example')), POSTGRES_PASSWORD: 'unused', SLUICE_API_KEY: `sk_${randomBytes(18).toString('base64url')}` };
  const corpus = sampleCorpus();
  const database = await createTestDatabase('sluice_rehearsal');
  const running: ServiceProcess[] = [];
  let failures = 0;
  const started = Date.now();
  try {
    const order = startOrder(compose).filter((name) => name !== 'postgres');
    console.log(`start order: ${order.join(' → ')} (ports +${offset}, database ${database.name}, logs in ${logDir})`);
    for (const name of order) {
      const env = processEnv(name, userEnv, database.url, corpus);
      const check = compose.services[name]!.healthcheck as { start_period?: string; interval?: string; retries?: number } | undefined;
      const allowedSeconds = seconds(check?.start_period, 0) + seconds(check?.interval, 30) * (check?.retries ?? 3);
      const service = spawnService(name as ServiceName, { env: { ...baseEnv(), ...env }, logFile: path.join(logDir, `${name}.log`) });
      running.push(service);
      const since = Date.now();
      while (!(await healthy(name, env))) {
        if (service.child.exitCode !== null) throw new Error(`${name} exited with ${service.child.exitCode}:\n${service.tail(15)}`);
        if (Date.now() - since > allowedSeconds * 1000) throw new Error(`${name} not healthy within ${allowedSeconds} s (start_period + interval × retries):\n${service.tail(15)}`);
        await sleep(1000);
      }
      console.log(`  ✓ ${name} healthy after ${((Date.now() - since) / 1000).toFixed(1)} s (compose allows ${allowedSeconds} s)`);
    }

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    let stored = 0;
    const deadline = Date.now() + 600_000;
    while (stored < wantedItems && Date.now() < deadline) {
      await sleep(3000);
      stored = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM items')).rows[0]!.n);
      process.stdout.write(`\r  stored items: ${stored}`);
    }
    await client.end();
    console.log();
    if (stored < wantedItems) throw new Error(`only ${stored} of ${wantedItems} items stored in 10 minutes`);
    console.log(`  ✓ ${stored} items from the sample source stored in PostgreSQL`);

    const api = `http://127.0.0.1:${configured.gateway.http_port + offset}/v1/items?limit=1`;
    const withKey = await fetch(api, { headers: { authorization: `Bearer ${userEnv.SLUICE_API_KEY}` } });
    const body = (await withKey.json()) as { items?: unknown[] };
    const withoutKey = await fetch(api);
    if (withKey.status !== 200 || !body.items?.length || withoutKey.status !== 401) {
      throw new Error(`API: GET /v1/items answered ${withKey.status} with the key (items: ${body.items?.length}) and ${withoutKey.status} without`);
    }
    console.log('  ✓ GET /v1/items: 200 with the bootstrap key, 401 without');
  } catch (error) {
    failures++;
    console.error(`✗ ${(error as Error).message}`);
  } finally {
    for (const service of running.reverse()) {
      const code = await service.stop(60_000);
      console.log(`  stopped ${service.name} (exit ${code})`);
    }
    await database.drop();
  }
  console.log(`rehearsal ${failures === 0 ? 'passed' : 'failed'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return failures === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error: Error) => {
  console.error(error);
  process.exit(1);
});
