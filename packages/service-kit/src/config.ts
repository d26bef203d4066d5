// Typed configuration: one YAML file plus environment overrides, validated at start-up.
//
// File: $SLUICE_CONFIG, else config/sluice.yaml at the repository root (the embedded defaults).
// Overrides: SLUICE__<SECTION>__<KEY>[__<KEY>...]=value, e.g. SLUICE__INFERENCE__MAX_BATCH_SIZE=64.
// Values are parsed as YAML scalars (numbers, booleans, lists in flow style).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';

/** Top-level sections a config file may hold; anything else is a typo and a start-up error. */
export const CONFIG_SECTIONS = [
  'services',
  'log',
  'collector',
  'transformer',
  'inference',
  'scorer',
  'persistence',
  'gateway',
  'cli',
] as const;
export type ConfigSection = (typeof CONFIG_SECTIONS)[number];

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const defaultConfigPath = path.join(repoRoot, 'config', 'sluice.yaml');

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Where each service listens. Ports 0 are not allowed here: peers must be able to find each other. */
export const serviceAddressSchema = z.strictObject({
  // host:port; peers may also use gRPC name syntax: dns:///host:port (round_robin over every address the name
  // resolves to, e.g. a headless Service) or ipv4:a:port,b:port.
  grpc_address: z
    .string()
    .regex(
      /^(?:(?:dns:\/\/\/)?[^\s:/,]+:\d+|ipv4:[\d.]+:\d+(?:,[\d.]+:\d+)*)$/,
      'expected host:port (e.g. 127.0.0.1:50051), dns:///host:port or ipv4:a:port,b:port',
    ),
  http_port: z.number().int().min(0).max(65535),
  /**
   * Services whose http_port is a public API (the gateway) serve /metrics, /healthz and /readyz here instead, so
   * metrics never share the API's port. Absent: no ops endpoint besides the API's own /healthz and /readyz.
   */
  ops_port: z.number().int().min(0).max(65535).optional(),
});
export type ServiceAddress = z.infer<typeof serviceAddressSchema>;

export const servicesSchema = z.strictObject({
  collector: serviceAddressSchema,
  transformer: serviceAddressSchema,
  inference: serviceAddressSchema,
  scorer: serviceAddressSchema,
  persistence: serviceAddressSchema,
  gateway: serviceAddressSchema,
});
export type ServicesConfig = z.infer<typeof servicesSchema>;

export const logSchema = z.strictObject({
  level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export type RawConfig = Record<string, unknown>;

/** Reads the YAML file and applies environment overrides. Does not validate sections. */
export function readRawConfig(options: { file?: string; env?: NodeJS.ProcessEnv } = {}): {
  raw: RawConfig;
  file: string;
} {
  const env = options.env ?? process.env;
  const file = path.resolve(options.file ?? env.SLUICE_CONFIG ?? defaultConfigPath);
  if (!existsSync(file)) throw new ConfigError(`config file ${file} does not exist (set SLUICE_CONFIG to a YAML file)`);
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(file, 'utf8')) ?? {};
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid YAML: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError(`config file ${file} must hold a mapping of sections`);
  const config = raw as RawConfig;
  applyEnvOverrides(config, env);
  const unknown = Object.keys(config).filter((key) => !(CONFIG_SECTIONS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new ConfigError(
      `config ${file}: unknown section ${unknown.map((k) => `"${k}"`).join(', ')}; known sections: ${CONFIG_SECTIONS.join(', ')}`,
    );
  }
  return { raw: config, file };
}

/** Applies SLUICE__A__B=value overrides onto the parsed config (mutates it). */
export function applyEnvOverrides(config: RawConfig, env: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('SLUICE__') || value === undefined) continue;
    const keys = name.slice('SLUICE__'.length).toLowerCase().split('__').filter(Boolean);
    if (keys.length === 0) continue;
    let node: Record<string, unknown> = config;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]!] = parseScalar(value);
  }
}

function parseScalar(value: string): unknown {
  try {
    return YAML.parse(value);
  } catch {
    return value;
  }
}

/** Formats zod issues as "section.key: problem" lines that tell the user what to change. */
export function formatIssues(prefix: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      if (issue.code === 'unrecognized_keys')
        return `${where}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
      return `${where}: ${issue.message}`;
    })
    .join('\n  ');
}

/** Validates one section against its schema; throws ConfigError naming every bad key. */
export function parseSection<S extends z.ZodType>(
  raw: RawConfig,
  section: ConfigSection,
  schema: S,
  file = 'config',
): z.infer<S> {
  const result = schema.safeParse(raw[section] ?? {});
  if (!result.success)
    throw new ConfigError(`invalid configuration in ${file}:\n  ${formatIssues(section, result.error)}`);
  return result.data;
}

export interface ServiceConfig<T> {
  file: string;
  services: ServicesConfig;
  log: z.infer<typeof logSchema>;
  settings: T;
}

/**
 * Loads the configuration of one service: the shared `services` and `log` sections plus its own section.
 *
 * @example
 * const config = loadServiceConfig('scorer', scorerSettingsSchema);
 * console.log(config.services.persistence.grpc_address, config.settings.half_life_hours);
 */
export function loadServiceConfig<S extends z.ZodType>(
  section: ConfigSection,
  schema: S,
  options: { file?: string; env?: NodeJS.ProcessEnv } = {},
): ServiceConfig<z.infer<S>> {
  const { raw, file } = readRawConfig(options);
  return {
    file,
    services: parseSection(raw, 'services', servicesSchema, file),
    log: parseSection(raw, 'log', logSchema, file),
    settings: parseSection(raw, section, schema, file),
  };
}
