import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadServiceConfig, readRawConfig, z } from '../src/index.js';

function configFile(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-config-'));
  const file = path.join(dir, 'sluice.yaml');
  writeFileSync(file, text);
  return file;
}

const services = `services:
  collector:   { grpc_address: 127.0.0.1:1, http_port: 2 }
  transformer: { grpc_address: 127.0.0.1:3, http_port: 4 }
  inference:   { grpc_address: 127.0.0.1:5, http_port: 6 }
  scorer:      { grpc_address: 127.0.0.1:7, http_port: 8 }
  persistence: { grpc_address: 127.0.0.1:9, http_port: 10 }
  gateway:     { grpc_address: 127.0.0.1:11, http_port: 12 }
`;

const scorerSchema = z.strictObject({
  half_life_hours: z.number().positive().default(24),
  profiles: z.array(z.strictObject({ name: z.string(), weight: z.number().default(1) })).default([]),
});

describe('configuration', () => {
  it('applies defaults, file values and environment overrides with YAML typing', () => {
    const file = configFile(`${services}scorer:\n  half_life_hours: 12\n`);
    const config = loadServiceConfig('scorer', scorerSchema, {
      file,
      env: { SLUICE__SERVICES__SCORER__HTTP_PORT: '9999', SLUICE__SCORER__PROFILES: '[{name: tech, weight: 2}]' },
    });
    expect(config.settings.half_life_hours).toBe(12);
    expect(config.settings.profiles).toEqual([{ name: 'tech', weight: 2 }]);
    expect(config.services.scorer.http_port).toBe(9999);
    expect(config.log.level).toBe('info');
  });

  it('names an unknown key in a section and what to check', () => {
    const file = configFile(`${services}scorer:\n  half_life_hour: 12\n`);
    expect(() => loadServiceConfig('scorer', scorerSchema, { file, env: {} })).toThrowError(
      /scorer: unknown key\(s\) "half_life_hour"/,
    );
  });

  it('names the key and the problem for a wrong type', () => {
    const file = configFile(services);
    const load = () =>
      loadServiceConfig('scorer', scorerSchema, { file, env: { SLUICE__SCORER__HALF_LIFE_HOURS: 'soon' } });
    expect(load).toThrowError(ConfigError);
    expect(load).toThrowError(/scorer\.half_life_hours: .*number/);
  });

  it('rejects unknown sections and malformed addresses', () => {
    expect(() => readRawConfig({ file: configFile(`${services}scorrer: {}\n`), env: {} })).toThrowError(
      /unknown section "scorrer"/,
    );
    const bad = configFile(services.replace('127.0.0.1:1,', 'localhost,'));
    expect(() => loadServiceConfig('scorer', scorerSchema, { file: bad, env: {} })).toThrowError(
      /services\.collector\.grpc_address: expected host:port/,
    );
    const named = loadServiceConfig('scorer', scorerSchema, {
      file: configFile(services),
      env: { SLUICE__SERVICES__TRANSFORMER__GRPC_ADDRESS: 'dns:///transformer-headless.sluice.svc:19062' },
    });
    expect(named.services.transformer.grpc_address).toBe('dns:///transformer-headless.sluice.svc:19062');
  });

  it('reports a missing file and invalid YAML clearly', () => {
    expect(() => readRawConfig({ file: '/nonexistent/sluice.yaml', env: {} })).toThrowError(/does not exist/);
    expect(() => readRawConfig({ file: configFile('services: [unclosed'), env: {} })).toThrowError(/not valid YAML/);
  });

  it('the shipped config/sluice.yaml is valid for the shared sections', () => {
    const config = loadServiceConfig('scorer', z.object({}).passthrough(), { env: {} });
    expect(Object.keys(config.services).sort()).toEqual([
      'collector',
      'gateway',
      'inference',
      'persistence',
      'scorer',
      'transformer',
    ]);
  });
});
