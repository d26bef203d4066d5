// Static checks of the Docker Compose deployment: schema and lint (dclint), and the consistency that Compose
// itself cannot see: commands, ports, addresses and configuration keys against the project.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DCLinter } from 'dclint';
import { describe, expect, it } from 'vitest';
import {
  composeDir,
  composeFile,
  containerEnv as containerEnvOf,
  cpuFile,
  interpolate,
  readCompose,
  requiredVariables as requiredVariablesOf,
  startOrder,
  type ComposeFile,
} from './compose-env.js';
import {
  checkDeploymentConfig,
  configuredServices,
  defaultShutdownTimeoutSeconds,
  portOf,
  readDockerfile,
  readEnvFile,
  readYaml,
  repoRoot,
  serviceCommand,
  serviceMainFile,
  stageEnv,
} from './deploy-files.js';

const compose = readCompose();
const services = configuredServices();
/** Prometheus and Grafana (deploy/monitoring), next to PostgreSQL and the Sluice services; monitoring.test.ts checks them. */
const MONITORING = ['prometheus', 'grafana'];
const names = Object.keys(services) as (keyof typeof services)[];
const exampleEnv = readEnvFile(path.join(composeDir, '.env.example'));
const containerEnv = (name: string, userEnv: Record<string, string>) => containerEnvOf(compose, name, userEnv);
const requiredVariables = () => requiredVariablesOf(compose);

const filledEnv = Object.fromEntries(
  Object.keys(exampleEnv).map((key) => [key, exampleEnv[key] || `test-${key.toLowerCase()}`]),
);

describe('docker compose', () => {
  it('passes dclint (compose-spec schema and lint rules) with the project settings', async () => {
    const rc = readYaml<{ rules: Record<string, 0 | 1 | 2> }>(path.join(composeDir, '.dclintrc.yaml'));
    const linter = new DCLinter({ rules: rc.rules, quiet: false, debug: false, exclude: [] });
    // dclint's declaration files use extensionless imports that NodeNext cannot follow: its result shape here.
    const results = linter.lintFiles([composeFile, cpuFile], false) as {
      filePath: string;
      messages: { line: number; rule: string; message: string }[];
    }[];
    expect(results.map((r) => path.basename(r.filePath)).sort()).toEqual([
      'docker-compose.cpu.yaml',
      'docker-compose.yaml',
    ]);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${path.basename(r.filePath)}:${m.line} ${m.rule}: ${m.message}`),
    );
    expect(problems).toEqual([]);
  });

  it('runs PostgreSQL with pgvector, every configured service and the monitoring, nothing else', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...names, 'postgres', ...MONITORING].sort());
    expect(compose.services.postgres!.image).toBe('pgvector/pgvector:pg16');
  });

  it('runs each service from the image with a command that exists in the repository', () => {
    for (const name of names) {
      const service = compose.services[name]!;
      expect(service.command, name).toEqual(serviceCommand(name));
      expect(existsSync(path.join(repoRoot, serviceMainFile(name))), `${serviceMainFile(name)} exists`).toBe(true);
      expect(service.build?.dockerfile).toBe('deploy/docker/Dockerfile');
      expect(path.resolve(composeDir, service.build!.context)).toBe(repoRoot);
      const stages = readDockerfile(path.join(repoRoot, service.build!.dockerfile)).stages.map((s) => s.name);
      expect(stages, `${name} build target`).toContain(service.build!.target);
    }
  });

  it('documents every variable it requires in .env.example, and takes secrets only from there', () => {
    const required = requiredVariables();
    expect(required).toEqual(expect.arrayContaining(['POSTGRES_PASSWORD', 'SLUICE_API_KEY']));
    for (const variable of required) expect(Object.keys(exampleEnv), `${variable} in .env.example`).toContain(variable);
    // Secrets are never committed with a value.
    expect(exampleEnv.POSTGRES_PASSWORD).toBe('');
    expect(exampleEnv.SLUICE_API_KEY).toBe('');
    expect(exampleEnv.GRAFANA_ADMIN_PASSWORD).toBe('');
    expect(() => containerEnv('gateway', {})).toThrow(/SLUICE_API_KEY/);
  });

  it('gives every service a configuration that its own loader accepts, with real keys only', async () => {
    for (const name of names) {
      const env = containerEnv(name, filledEnv);
      const { problems, raw } = await checkDeploymentConfig({ env });
      expect(problems, name).toEqual([]);
      const resolved = raw.services as Record<string, { grpc_address: string; http_port: number; ops_port?: number }>;
      for (const peer of names) {
        const port = portOf(services[peer].grpc_address);
        // A service listens on all interfaces of its container and reaches its peers by service name.
        expect(resolved[peer]!.grpc_address, `${name} sees ${peer}`).toBe(
          peer === name ? `0.0.0.0:${port}` : `${peer}:${port}`,
        );
        expect(resolved[peer]!.http_port).toBe(services[peer].http_port);
        // The gateway's metrics port: without it in the deployed file, the scrape target would not listen.
        expect(resolved[peer]!.ops_port, `${name} sees ${peer}'s ops port`).toBe(services[peer].ops_port);
      }
      expect(env.SLUICE_HTTP_HOST, `${name} ops HTTP on all interfaces`).toBe('0.0.0.0');
    }
  });

  it('points persistence, and only persistence, at the PostgreSQL service', () => {
    for (const name of names) {
      const url = containerEnv(name, filledEnv).DATABASE_URL;
      if (name !== 'persistence') {
        expect(url, name).toBeUndefined();
        continue;
      }
      const parsed = new URL(url!);
      expect(parsed.hostname).toBe('postgres');
      expect(parsed.password).toBe(filledEnv.POSTGRES_PASSWORD);
      expect(parsed.pathname).toBe(`/${compose.services.postgres!.environment!.POSTGRES_DB}`);
    }
    expect(compose.services.persistence!.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('starts services in an order without cycles, each after the services it waits for', () => {
    const order = startOrder(compose);
    expect(order[0]).toBe('postgres');
    expect(order.indexOf('inference'), 'the scorer embeds its profiles through inference at start-up').toBeLessThan(
      order.indexOf('scorer'),
    );
    // Items start flowing only once every stage that handles them is ready.
    const collectorDependencies = Object.keys(compose.services.collector!.depends_on ?? {}).sort();
    expect(collectorDependencies).toEqual(['inference', 'persistence', 'scorer', 'transformer']);
    expect(order.filter((name) => !MONITORING.includes(name)).at(-1)).toBe('gateway');
  });

  it('checks readiness of each service on its own ops port and waits for healthy dependencies', () => {
    expect(existsSync(path.join(repoRoot, 'deploy/docker/healthcheck.ts'))).toBe(true);
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test, `${name} healthcheck`).toBeDefined();
      if (name !== 'postgres' && !MONITORING.includes(name))
        expect(service.healthcheck!.test).toEqual([
          'CMD',
          'node',
          '--import',
          'tsx',
          'deploy/docker/healthcheck.ts',
          name,
        ]);
      for (const [dependency, spec] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(compose.services), `${name} depends on ${dependency}`).toContain(dependency);
        expect(spec.condition, `${name} → ${dependency}`).toBe('service_healthy');
      }
    }
  });

  it('publishes the gateway API port from the configuration, on loopback only', () => {
    const [published] = compose.services.gateway!.ports!;
    const [host, , container] = interpolate(published!, {}).split(':');
    expect(host).toBe('127.0.0.1');
    expect(Number(container)).toBe(services.gateway.http_port);
    for (const name of names.filter((n) => n !== 'gateway'))
      expect(compose.services[name]!.ports, name).toBeUndefined();
  });

  it('limits resources, and reserves an NVIDIA GPU for inference unless the CPU override applies', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.deploy?.resources?.limits?.cpus, `${name} cpus`).toMatch(/^\d+(\.\d+)?$/);
      expect(service.deploy?.resources?.limits?.memory, `${name} memory`).toMatch(/^\d+[mg]$/);
    }
    const devices = compose.services.inference!.deploy!.resources!.reservations!.devices!;
    expect(devices).toEqual([{ driver: 'nvidia', count: 1, capabilities: ['gpu'] }]);
    expect(compose.services.inference!.build!.target).toBe('runtime-cuda');
    const cpu = readYaml<ComposeFile>(cpuFile);
    expect(Object.keys(cpu.services)).toEqual(['inference']);
    expect(cpu.services.inference!.deploy!.resources!.reservations!.devices).toEqual([]);
    expect(cpu.services.inference!.build!.target).toBe('runtime');
    expect(cpu.services.inference!.image).toBe(compose.services.collector!.image);
    // The GPU deployment insists on CUDA; the CPU override asks for the CPU.
    expect(containerEnv('inference', filledEnv).SLUICE__INFERENCE__DEVICE).toBe('cuda');
    expect(cpu.services.inference!.environment?.SLUICE__INFERENCE__DEVICE).toBe('cpu');
  });

  it('gives inference a valid configuration under the CPU override too', async () => {
    const cpu = readYaml<ComposeFile>(cpuFile);
    const env = { ...containerEnv('inference', filledEnv), ...cpu.services.inference!.environment } as Record<
      string,
      string
    >;
    expect((await checkDeploymentConfig({ env })).problems).toEqual([]);
  });

  it('points the sample source at the corpus that the image build writes', () => {
    const env = containerEnv('collector', filledEnv);
    const sources = JSON.parse(env.SLUICE__COLLECTOR__SOURCES!) as { kind: string; path?: string }[];
    const sample = sources.find((s) => s.kind === 'jsonl')!;
    expect(sample.path).toBe('/app/.data/sample/sample.jsonl');
    // The build links sample.jsonl to the corpus file `sluice prepare` writes (sotu-v<format version>.jsonl).
    const build = readDockerfile(path.join(repoRoot, 'deploy/docker/Dockerfile')).stages.find(
      (s) => s.name === 'build',
    )!;
    const run = build.instructions
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
      .join('\n');
    expect(run).toMatch(/ls \.data\/sample\/sotu-v\*\.jsonl/);
    expect(run).toContain('.data/sample/sample.jsonl');
    expect(stageEnv(build).SLUICE_DATA_DIR).toBe('/app/.data');
    expect(readFileSync(path.join(repoRoot, 'packages/cli/src/sample-corpus.ts'), 'utf8')).toMatch(
      /`sotu-v\$\{\w+\}\.jsonl`/,
    );
    expect(env.SLUICE__COLLECTOR__SCHEDULE_ENABLED).toBe('true');
  });

  it('keeps models in a volume and runs services on read-only root file systems', () => {
    expect(compose.services.inference!.volumes).toContain('models:/app/.models');
    expect(Object.keys(compose.volumes ?? {})).toEqual(expect.arrayContaining(['models', 'postgres-data']));
    for (const name of names) expect(compose.services[name]!.read_only, name).toBe(true);
  });

  it('waits longer than the shutdown timeout of the services before killing them', () => {
    for (const name of names) {
      const grace = /^(\d+)s$/.exec(compose.services[name]!.stop_grace_period ?? '');
      expect(grace, `${name} stop_grace_period in seconds`).not.toBeNull();
      expect(Number(grace![1]), name).toBeGreaterThan(defaultShutdownTimeoutSeconds());
    }
  });
});
