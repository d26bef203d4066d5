// Rehearsal of a deployment without Docker or a cluster: runs the six services as local processes with the
// environment (and, for Kubernetes, the mounted config file) that the deployment gives each container, checks
// that each one passes the container health check within the time the deployment allows, waits until the sample
// source's items are stored in PostgreSQL, checks the HTTP API with the bootstrap key, and stops everything.
//
//   node --import tsx test/deploy/rehearse-deployment.ts --target compose|k8s [--cpu] [--items 1000] [--port-offset 1000]
//
// compose: docker-compose.yaml's environments, services started in Compose's depends_on order.
// k8s:     each Deployment's container env + the ConfigMap's sluice.yaml as SLUICE_CONFIG, all started at once
//          (Kubernetes has no start order; readiness gates traffic). The cluster config declares no sources, so
//          the sample source is added to the collector's environment.
// Translated for this machine: service host names → 127.0.0.1 with every port shifted by --port-offset (the
// default ports may be in use), /app paths → this checkout, the database → a fresh one on $DATABASE_URL's
// server (default: the local one). --cpu: inference on the CPU (the GPU deployments insist on CUDA).
// Not a unit test (it takes minutes): run it after changing deploy/.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import YAML from 'yaml';
import { createTestDatabase, spawnService, type ServiceName, type ServiceProcess } from '@sluice/stack';
import { composeDir, containerEnv, cpuFile, readCompose, startOrder } from './compose-env.js';
import { configuredServices, deployDir, readEnvFile, readYaml, readYamlDocuments, repoRoot } from './deploy-files.js';

const { values: options } = parseArgs({
  options: {
    target: { type: 'string', default: 'compose' },
    items: { type: 'string', default: '1000' },
    'port-offset': { type: 'string', default: '1000' },
    cpu: { type: 'boolean', default: false },
  },
});
if (options.target !== 'compose' && options.target !== 'k8s') throw new Error('--target must be compose or k8s');
const wantedItems = Number(options.items);
const offset = Number(options['port-offset']);
const configured = configuredServices();
const serviceNames = Object.keys(configured);
const logDir = path.join(repoRoot, '.data', 'rehearsal');
const SAMPLE_IN_IMAGE = '/app/.data/sample/sample.jsonl';

interface Plan {
  /** Groups of services started together; the next group starts once the previous one is healthy. */
  groups: string[][];
  env(name: string): Record<string, string>;
  /** Seconds the deployment gives the service to become healthy. */
  allowedSeconds(name: string): number;
  cleanup(): void;
}

interface Context {
  databaseUrl: string;
  apiKey: string;
  corpus: string;
}

/** Host names → 127.0.0.1, ports shifted, the image's sample path → the local corpus (JSON-escaped). */
function translate(value: string, corpus: string): string {
  const hosts = new RegExp(`\\b(${serviceNames.join('|')}):(\\d+)\\b`, 'g');
  return value
    .replace(hosts, (_whole, _host: string, port: string) => `127.0.0.1:${Number(port) + offset}`)
    .replace(/^0\.0\.0\.0:(\d+)$/, (_whole, port: string) => `0.0.0.0:${Number(port) + offset}`)
    .replaceAll(SAMPLE_IN_IMAGE, JSON.stringify(corpus).slice(1, -1));
}

function seconds(value: string | undefined, fallback: number): number {
  const match = /^(\d+)s$/.exec(value ?? '');
  return match ? Number(match[1]) : fallback;
}

function composePlan(context: Context): Plan {
  const compose = readCompose();
  if (options.cpu)
    Object.assign(compose.services.inference!.environment!, readCompose(cpuFile).services.inference!.environment);
  const userEnv = {
    ...readEnvFile(path.join(composeDir, '.env.example')),
    POSTGRES_PASSWORD: 'unused',
    SLUICE_API_KEY: context.apiKey,
  };
  return {
    // Sluice's own services only: PostgreSQL is replaced by a fresh database, Prometheus and Grafana are images.
    groups: startOrder(compose)
      .filter((name) => name in configured)
      .map((name) => [name]),
    env(name) {
      const env = containerEnv(compose, name, userEnv);
      for (const [key, value] of Object.entries(env)) env[key] = translate(value, context.corpus);
      for (const [peer, address] of Object.entries(configured))
        env[`SLUICE__SERVICES__${peer.toUpperCase()}__HTTP_PORT`] = String(address.http_port + offset);
      if (env.DATABASE_URL) env.DATABASE_URL = context.databaseUrl;
      return env;
    },
    allowedSeconds(name) {
      const check = compose.services[name]!.healthcheck as
        { start_period?: string; interval?: string; retries?: number } | undefined;
      return seconds(check?.start_period, 0) + seconds(check?.interval, 30) * (check?.retries ?? 3);
    },
    cleanup() {},
  };
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
}
interface Container {
  name: string;
  env?: EnvVar[];
  startupProbe?: { periodSeconds?: number; failureThreshold?: number };
}

function k8sPlan(context: Context): Plan {
  const k8sDir = path.join(deployDir, 'k8s');
  const kustomization = readYaml<{ resources: string[] }>(path.join(k8sDir, 'kustomization.yaml'));
  const deployments = kustomization.resources
    .flatMap(
      (file) =>
        readYamlDocuments(path.join(k8sDir, file)) as {
          kind: string;
          metadata: { name: string };
          spec: { template: { spec: { containers: Container[] } } };
        }[],
    )
    .filter((o) => o.kind === 'Deployment');
  const secrets: Record<string, string> = { SLUICE_API_KEY: context.apiKey, DATABASE_URL: context.databaseUrl };
  // The ConfigMap's file, with the cluster's addresses translated for this machine.
  const config = YAML.parse(readFileSync(path.join(k8sDir, 'sluice.yaml'), 'utf8')) as {
    services: Record<string, { grpc_address: string; http_port: number }>;
  };
  for (const address of Object.values(config.services)) {
    address.grpc_address = translate(address.grpc_address, context.corpus);
    address.http_port += offset;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'sluice-rehearsal-'));
  const configFile = path.join(dir, 'sluice.yaml');
  writeFileSync(configFile, YAML.stringify(config));
  const container = (name: string) =>
    deployments.find((d) => d.metadata.name === name)!.spec.template.spec.containers[0]!;
  return {
    groups: [deployments.map((d) => d.metadata.name)],
    env(name) {
      const env: Record<string, string> = {};
      for (const variable of container(name).env ?? []) {
        if (variable.value !== undefined) env[variable.name] = translate(variable.value, context.corpus);
        else if (variable.valueFrom?.secretKeyRef) env[variable.name] = secrets[variable.valueFrom.secretKeyRef.key]!;
        else if (variable.valueFrom?.fieldRef?.fieldPath === 'metadata.name')
          env[variable.name] = `${name}-rehearsal-0`;
      }
      env.SLUICE_CONFIG = configFile;
      // The image's ENV (deploy/docker/Dockerfile) that the Deployments rely on.
      env.SLUICE_HTTP_HOST = '0.0.0.0';
      if (name === 'collector') {
        env.SLUICE__COLLECTOR__SOURCES = JSON.stringify([
          { id: 'sample-sotu', kind: 'jsonl', path: context.corpus, interval_seconds: 86400 },
        ]);
      }
      if (name === 'inference' && options.cpu) env.SLUICE__INFERENCE__DEVICE = 'cpu';
      return env;
    },
    allowedSeconds(name) {
      const probe = container(name).startupProbe;
      return (probe?.periodSeconds ?? 10) * (probe?.failureThreshold ?? 3);
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The sample corpus `sluice prepare` writes (the image links it as /app/.data/sample/sample.jsonl). */
function sampleCorpus(): string {
  execFileSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'prepare', '--quiet'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  const dir = path.join(repoRoot, '.data', 'sample');
  const files = readdirSync(dir).filter((f) => /^sotu-v\d+\.jsonl$/.test(f));
  if (files.length !== 1) throw new Error(`expected one sotu-v*.jsonl in ${dir}, found ${files.join(', ') || 'none'}`);
  return path.join(dir, files[0]!);
}

/** This process's environment without Sluice settings, so only the deployment's environment configures services. */
function baseEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key, value]) => value !== undefined && !key.startsWith('SLUICE') && key !== 'DATABASE_URL',
    ),
  ) as Record<string, string>;
}

/** The container health check (deploy/docker/healthcheck.ts), with the container's environment. */
function healthy(name: string, env: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', 'deploy/docker/healthcheck.ts', name],
      { cwd: repoRoot, env: { ...baseEnv(), ...env }, timeout: 30_000 },
      (error) => resolve(!error),
    ),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitHealthy(plan: Plan, service: ServiceProcess, since: number): Promise<void> {
  const allowed = plan.allowedSeconds(service.name);
  while (!(await healthy(service.name, plan.env(service.name)))) {
    if (service.child.exitCode !== null)
      throw new Error(`${service.name} exited with ${service.child.exitCode}:\n${service.tail(15)}`);
    if (Date.now() - since > allowed * 1000)
      throw new Error(
        `${service.name} not healthy within the ${allowed} s the deployment allows:\n${service.tail(15)}`,
      );
    await sleep(1000);
  }
  console.log(
    `  ✓ ${service.name} healthy after ${((Date.now() - since) / 1000).toFixed(1)} s (allowed: ${allowed} s)`,
  );
}

async function main(): Promise<number> {
  const corpus = sampleCorpus();
  const database = await createTestDatabase('sluice_rehearsal');
  const context: Context = { databaseUrl: database.url, apiKey: `sk_${randomBytes(18).toString('base64url')}`, corpus };
  const plan = options.target === 'k8s' ? k8sPlan(context) : composePlan(context);
  const running: ServiceProcess[] = [];
  let failed = false;
  const started = Date.now();
  try {
    console.log(
      `${options.target}: ${plan.groups.map((g) => g.join(' + ')).join(' → ')} (ports +${offset}, database ${database.name}, logs in ${logDir})`,
    );
    for (const group of plan.groups) {
      const since = Date.now();
      const services = group.map((name) =>
        spawnService(name as ServiceName, {
          env: { ...baseEnv(), ...plan.env(name) },
          logFile: path.join(logDir, `${options.target}-${name}.log`),
        }),
      );
      running.push(...services);
      await Promise.all(services.map((service) => waitHealthy(plan, service, since)));
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
    const withKey = await fetch(api, { headers: { authorization: `Bearer ${context.apiKey}` } });
    const body = (await withKey.json()) as { items?: unknown[] };
    const withoutKey = await fetch(api);
    if (withKey.status !== 200 || !body.items?.length || withoutKey.status !== 401) {
      throw new Error(
        `API: GET /v1/items answered ${withKey.status} with the key (items: ${body.items?.length}) and ${withoutKey.status} without`,
      );
    }
    console.log('  ✓ GET /v1/items: 200 with the bootstrap key, 401 without');
  } catch (error) {
    failed = true;
    console.error(`✗ ${(error as Error).message}`);
  } finally {
    for (const service of running.reverse())
      console.log(`  stopped ${service.name} (exit ${await service.stop(60_000)})`);
    await database.drop();
    plan.cleanup();
  }
  console.log(
    `rehearsal of ${options.target} ${failed ? 'failed' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
