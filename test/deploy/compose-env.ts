// What Docker Compose would give each container of deploy/compose/docker-compose.yaml: the variables it
// interpolates, the environment it assembles (image ENV, env_file, environment) and the order it starts
// services in. Shared by the compose tests and the process rehearsal (rehearse-compose.ts).
import path from 'node:path';
import { deployDir, readDockerfile, readEnvFile, readYaml, repoRoot, stageEnv } from './deploy-files.js';

export const composeDir = path.join(deployDir, 'compose');
export const composeFile = path.join(composeDir, 'docker-compose.yaml');
export const cpuFile = path.join(composeDir, 'docker-compose.cpu.yaml');

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string };
  command?: string[];
  environment?: Record<string, string | number | boolean>;
  env_file?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
  deploy?: {
    resources?: {
      limits?: { cpus?: string; memory?: string };
      reservations?: { devices?: { driver: string; count: number; capabilities: string[] }[] };
    };
  };
  read_only?: boolean;
  stop_grace_period?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readCompose(file = composeFile): ComposeFile {
  return readYaml<ComposeFile>(file);
}

/** Compose's variable interpolation (${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$). */
export function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g,
    (whole, name: string | undefined, op: string | undefined, arg: string | undefined) => {
      if (whole === '$$') return '$';
      const current = env[name!];
      const unset = op?.startsWith(':') ? current === undefined || current === '' : current === undefined;
      if (!unset) return current!;
      if (op?.endsWith('-')) return arg ?? '';
      if (op?.endsWith('?')) throw new Error(`required variable ${name} is not set: ${arg}`);
      return '';
    },
  );
}

/** Variables the user must set (the ${VAR:?…} ones) anywhere in the compose file. */
export function requiredVariables(compose: ComposeFile): string[] {
  const text = JSON.stringify(compose);
  return [...new Set([...text.matchAll(/\$\{(\w+):?\?/g)].map((m) => m[1]!))].sort();
}

/** Environment of a service's container: image ENV, then env_file, then environment (Compose's precedence). */
export function containerEnv(
  compose: ComposeFile,
  name: string,
  userEnv: Record<string, string>,
): Record<string, string> {
  const service = compose.services[name];
  if (!service) throw new Error(`no compose service ${name}`);
  const env: Record<string, string> = {};
  if (service.build) {
    const stage = readDockerfile(path.join(repoRoot, service.build.dockerfile)).stages.find(
      (s) => s.name === service.build!.target,
    );
    if (!stage) throw new Error(`${name}: no build stage ${service.build.target}`);
    Object.assign(env, stageEnv(stage));
  }
  for (const file of service.env_file ?? []) Object.assign(env, readEnvFile(path.join(composeDir, file)));
  for (const [key, value] of Object.entries(service.environment ?? {})) env[key] = interpolate(String(value), userEnv);
  return env;
}

/** A start order that honours every depends_on (dependencies first), as Compose starts services. */
export function startOrder(compose: ComposeFile): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (order.includes(name)) return;
    if (visiting.has(name)) throw new Error(`depends_on cycle through ${name}`);
    visiting.add(name);
    for (const dependency of Object.keys(compose.services[name]?.depends_on ?? {})) visit(dependency);
    visiting.delete(name);
    order.push(name);
  };
  for (const name of Object.keys(compose.services)) visit(name);
  return order;
}
