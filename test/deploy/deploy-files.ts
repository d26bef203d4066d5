// Shared helpers of the deployment checks: where the files are, YAML reading with Compose's tags, and the
// configuration check that runs a service's real config loader on the environment a deployment gives it.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import {
  parseSection,
  readRawConfig,
  repoRoot,
  servicesSchema,
  logSchema,
  type ConfigSection,
  type RawConfig,
  type z,
} from '@sluice/service-kit';

export { repoRoot };
export const deployDir = path.join(repoRoot, 'deploy');
export const defaultConfigFile = path.join(repoRoot, 'config', 'sluice.yaml');

/** Compose's merge tags: YAML leaves them unresolved (the value parses as usual), Compose applies them when merging files. */
const COMPOSE_TAG_WARNING = /Unresolved tag: !(reset|override)\b/;

/** Every document of a YAML file; throws on any YAML error or warning (duplicate keys, unknown tags). */
export function readYamlDocuments(file: string): unknown[] {
  const documents = YAML.parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [documents];
  for (const document of list) {
    const problems = [
      ...document.errors,
      ...document.warnings.filter((warning) => !COMPOSE_TAG_WARNING.test(warning.message)),
    ];
    if (problems.length > 0) throw new Error(`${path.relative(repoRoot, file)}: ${problems.map(String).join('\n')}`);
  }
  return list.map((document) => document.toJS()).filter((value) => value !== null && value !== undefined);
}

export function readYaml<T = Record<string, unknown>>(file: string): T {
  const [first] = readYamlDocuments(file);
  return first as T;
}

/** Service names and addresses as config/sluice.yaml declares them (the source of truth for ports). */
export function configuredServices(): z.infer<typeof servicesSchema> {
  const { raw, file } = readRawConfig({ file: defaultConfigFile, env: {} });
  return parseSection(raw, 'services', servicesSchema, file);
}

export function portOf(address: string): number {
  const port = Number(address.slice(address.lastIndexOf(':') + 1));
  if (!Number.isInteger(port)) throw new Error(`no port in ${address}`);
  return port;
}

/** `services/<name>/src/main.ts`, the file a container command must run. */
export function serviceMainFile(name: string): string {
  return path.join('services', name, 'src', 'main.ts');
}

/** The command a container runs for `name`. */
export function serviceCommand(name: string): string[] {
  return ['node', '--import', 'tsx', serviceMainFile(name).split(path.sep).join('/')];
}

/** Parses a dotenv-style file (KEY=value lines, # comments), as Compose's env_file does. */
export function readEnvFile(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const at = trimmed.indexOf('=');
    if (at <= 0) throw new Error(`${file}: not KEY=value: ${line}`);
    env[trimmed.slice(0, at).trim()] = trimmed.slice(at + 1).trim();
  }
  return env;
}

/**
 * The settings schema a service exports from services/<name>/src/settings.ts (`<name>SettingsSchema`),
 * or undefined when the service has none (yet).
 */
async function settingsSchemaOf(section: string): Promise<z.ZodType | undefined> {
  const file = path.join(repoRoot, 'services', section, 'src', 'settings.ts');
  if (!existsSync(file)) return undefined;
  const module = (await import(file)) as Record<string, unknown>;
  const schema = module[`${section}SettingsSchema`];
  return schema && typeof (schema as z.ZodType).safeParse === 'function' ? (schema as z.ZodType) : undefined;
}

/** True when the key path exists in config/sluice.yaml (where every service documents its keys). */
function documentedKey(defaults: RawConfig, keys: string[]): boolean {
  let node: unknown = defaults;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Loads the configuration the way a service does in a deployment (config file + SLUICE__ overrides from `env`)
 * and validates `services`, `log`, and every section that the file or an override touches, with the owning
 * service's strict schema where it exists, else by requiring each overridden key to be documented in
 * config/sluice.yaml. Returns the problems found (empty when the configuration would start).
 */
export async function checkDeploymentConfig(options: {
  file?: string;
  fileContent?: string;
  env: Record<string, string>;
}): Promise<{ problems: string[]; raw: RawConfig }> {
  if (options.fileContent === undefined) return checkConfigFile(options.file ?? defaultConfigFile, options.env);
  const dir = mkdtempSync(path.join(tmpdir(), 'sluice-deploy-'));
  try {
    const file = path.join(dir, 'sluice.yaml');
    writeFileSync(file, options.fileContent);
    return await checkConfigFile(file, options.env);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function checkConfigFile(
  file: string,
  env: Record<string, string>,
): Promise<{ problems: string[]; raw: RawConfig }> {
  const options = { env };
  const problems: string[] = [];
  let raw: RawConfig;
  try {
    raw = readRawConfig({ file, env: options.env }).raw;
  } catch (error) {
    return { problems: [(error as Error).message], raw: {} };
  }
  const defaults = readRawConfig({ file: defaultConfigFile, env: {} }).raw;
  const check = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      problems.push((error as Error).message);
    }
  };
  check(() => parseSection(raw, 'services', servicesSchema, file));
  check(() => parseSection(raw, 'log', logSchema, file));
  const fileSections = Object.keys(readRawConfig({ file, env: {} }).raw);
  const overridden = Object.keys(options.env)
    .filter((name) => name.startsWith('SLUICE__'))
    .map((name) => name.slice('SLUICE__'.length).toLowerCase().split('__'));
  const sections = new Set([...fileSections, ...overridden.map((keys) => keys[0]!)]);
  for (const section of sections) {
    if (section === 'services' || section === 'log') continue;
    const schema = await settingsSchemaOf(section);
    if (schema) {
      check(() => parseSection(raw, section as ConfigSection, schema, file));
      continue;
    }
    for (const keys of overridden.filter((k) => k[0] === section)) {
      if (!documentedKey(defaults, keys))
        problems.push(
          `SLUICE__${keys.join('__').toUpperCase()}: no such key in config/sluice.yaml and no settings schema for "${section}"`,
        );
    }
  }
  return { problems, raw };
}

export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
}

export interface DockerStage {
  name: string;
  base: string;
  instructions: DockerInstruction[];
}

/** Splits a Dockerfile into stages of instructions (continuation lines joined, comments dropped, ARGs substituted in FROM). */
export function readDockerfile(file: string): { args: Record<string, string>; stages: DockerStage[] } {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const instructions: DockerInstruction[] = [];
  let pending = '';
  let startLine = 0;
  lines.forEach((line, index) => {
    if (pending === '' && (line.trim() === '' || line.trim().startsWith('#'))) return;
    if (pending !== '' && line.trim().startsWith('#')) return;
    if (pending === '') startLine = index + 1;
    const continued = line.trimEnd().endsWith('\\');
    pending += `${continued ? line.trimEnd().slice(0, -1) : line} `;
    if (!continued) {
      const text = pending.trim();
      const space = text.indexOf(' ');
      instructions.push({
        keyword: text.slice(0, space).toUpperCase(),
        args: text.slice(space + 1).trim(),
        line: startLine,
      });
      pending = '';
    }
  });
  const args: Record<string, string> = {};
  const stages: DockerStage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name, value = ''] = instruction.args.split('=');
      args[name!.trim()] = value.trim();
    } else if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match) throw new Error(`${file}:${instruction.line}: cannot read FROM ${instruction.args}`);
      const base = match[1]!.replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? '');
      stages.push({ name: match[2] ?? String(stages.length), base, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${file}:${instruction.line}: ${instruction.keyword} before FROM`);
      stage.instructions.push(instruction);
    }
  }
  return { args, stages };
}

/** ENV values a stage sets (KEY=value pairs; values without spaces or quoted). */
export function stageEnv(stage: DockerStage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of stage.instructions.filter((i) => i.keyword === 'ENV')) {
    for (const match of instruction.args.matchAll(/(\w+)=("[^"]*"|\S+)/g))
      env[match[1]!] = match[2]!.replace(/^"|"$/g, '');
  }
  return env;
}

/** The JSON (exec) form of CMD / HEALTHCHECK CMD arguments. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  return JSON.parse(json) as string[];
}

/** The services' default shutdown timeout (createShutdown in service-kit), in seconds: grace periods must exceed it. */
export function defaultShutdownTimeoutSeconds(): number {
  const source = readFileSync(path.join(repoRoot, 'packages/service-kit/src/shutdown.ts'), 'utf8');
  const match = /timeoutMs\s*=\s*options\.timeoutMs\s*\?\?\s*([\d_]+)/.exec(source);
  if (!match) throw new Error('cannot find the default shutdown timeout in packages/service-kit/src/shutdown.ts');
  return Number(match[1]!.replaceAll('_', '')) / 1000;
}
