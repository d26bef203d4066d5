// Property tests: configuration files and SLUICE__ environment overrides with hostile content (any YAML the
// parser accepts, broken YAML, unknown keys, absurd values, YAML aliases, huge numbers) never crash a service's
// start-up with anything but a ConfigError that names the file; valid values still load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadServiceConfig, type ConfigSection, type z } from '@sluice/service-kit';
import { collectorSettingsSchema } from '../../services/collector/src/settings.js';
import { gatewaySettingsSchema } from '../../services/gateway/src/settings.js';
import { inferenceSettingsSchema } from '../../services/inference/src/settings.js';
import { persistenceSettingsSchema } from '../../services/persistence/src/settings.js';
import { scorerSettingsSchema } from '../../services/scorer/src/settings.js';
import { transformerSettingsSchema } from '../../services/transformer/src/settings.js';
import { fuzzRuns } from '../support/fuzz-runs.js';
import { HUGE_NUMBERS, hostileJson, hostileString } from '../support/hostile-values.js';

const SCHEMAS: Array<[ConfigSection, z.ZodType]> = [
  ['collector', collectorSettingsSchema],
  ['gateway', gatewaySettingsSchema],
  ['inference', inferenceSettingsSchema],
  ['persistence', persistenceSettingsSchema],
  ['scorer', scorerSettingsSchema],
  ['transformer', transformerSettingsSchema],
];

const dir = mkdtempSync(path.join(tmpdir(), 'sluice-config-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function writeConfig(text: string): string {
  const file = path.join(dir, `config-${++n}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** Loads the service's configuration; anything thrown must be a ConfigError naming the file. */
function expectLoadsOrConfigError(
  section: ConfigSection,
  schema: z.ZodType,
  file: string,
  env: NodeJS.ProcessEnv = {},
) {
  try {
    loadServiceConfig(section, schema, { file, env });
  } catch (error) {
    expect(error, `${section}: ${String(error).slice(0, 300)}`).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(file);
  }
}

const SERVICES = YAML.stringify({
  services: Object.fromEntries(
    ['collector', 'transformer', 'inference', 'scorer', 'persistence', 'gateway'].map((s, i) => [
      s,
      { grpc_address: `127.0.0.1:${50100 + i}`, http_port: 9500 + i },
    ]),
  ),
});

/** Keys a section really has, so generated documents reach the schemas' own checks, not only unknown-key errors. */
const KEYS = [
  'sources',
  'http',
  'import_directories',
  'private_network_allowlist',
  'api_keys',
  'body_limit_bytes',
  'max_batch_size',
  'device',
  'profiles',
  'weights',
  'database_url',
  'worker_threads',
  'max_in_flight_items',
  'host',
  'breaker',
];

describe('configuration files', () => {
  it('any section content (hostile values, known and unknown keys) loads or fails with a ConfigError', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMAS),
        fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), hostileString), hostileJson, { maxKeys: 5 }),
        ([section, schema], content) => {
          const file = writeConfig(`${SERVICES}\n${YAML.stringify({ [section]: content })}`);
          expectLoadsOrConfigError(section, schema, file);
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('any text as the file (broken YAML, control characters, aliases, huge numbers) fails with a ConfigError or loads', () => {
    const texts = fc.oneof(
      hostileString,
      fc.constantFrom(
        'collector: [unclosed',
        'a: &a [*a]',
        'x: &x {y: *x}\ncollector: *x',
        '%YAML 9.9\n---\ncollector: {}',
        `gateway: { body_limit_bytes: ${HUGE_NUMBERS[2]} }`,
        'gateway: { body_limit_bytes: .inf }',
        'collector: { sources: [{ id: "a", kind: jsonl, path: "\\0" }] }',
        'collector: { http: { private_network_allowlist: ["10.0.0.0/33", "not a host"] } }',
        '\u0000\u0001\u0002',
        '- just\n- a\n- list',
        '"a string"',
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...SCHEMAS), texts, ([section, schema], text) => {
        expectLoadsOrConfigError(section, schema, writeConfig(text));
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('SLUICE__ environment overrides with hostile values load or fail with a ConfigError', () => {
    const file = writeConfig(SERVICES);
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMAS),
        fc.constantFrom(...KEYS, 'SOURCES__0__PATH', 'HTTP__MAX_REDIRECTS'),
        fc.oneof(hostileString, fc.constantFrom(...HUGE_NUMBERS)),
        ([section, schema], key, value) => {
          expectLoadsOrConfigError(section, schema, file, {
            [`SLUICE__${section.toUpperCase()}__${key.toUpperCase()}`]: value.replaceAll('\u0000', ''),
          });
        },
      ),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('still loads a valid file (the property is not passing by refusing everything)', () => {
    const file = writeConfig(
      `${SERVICES}\ncollector: { http: { private_network_allowlist: [intranet.example, 10.20.0.0/16] }, import_directories: [imports] }\n`,
    );
    expect(
      loadServiceConfig('collector', collectorSettingsSchema, { file, env: {} }).settings.http
        .private_network_allowlist,
    ).toEqual(['intranet.example', '10.20.0.0/16']);
    expect(() =>
      loadServiceConfig('collector', collectorSettingsSchema, {
        file: writeConfig(`${SERVICES}\ncollector: { http: { private_network_allowlist: [10.0.0.0/33] } }\n`),
        env: {},
      }),
    ).toThrow(/private_network_allowlist/);
  });
});
