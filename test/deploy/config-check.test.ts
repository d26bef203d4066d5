// The configuration check the compose and Kubernetes tests rely on must itself fail on real mistakes.
import { describe, expect, it } from 'vitest';
import { checkDeploymentConfig } from './deploy-files.js';

describe('deployment configuration check', () => {
  it('accepts the default configuration with correct overrides', async () => {
    const { problems } = await checkDeploymentConfig({
      env: { SLUICE__SERVICES__SCORER__GRPC_ADDRESS: 'scorer:19064', SLUICE__GATEWAY__HOST: '0.0.0.0' },
    });
    expect(problems).toEqual([]);
  });

  it('reports a misspelled key in a section with a settings schema', async () => {
    const { problems } = await checkDeploymentConfig({ env: { SLUICE__GATEWAY__HOTS: '0.0.0.0' } });
    expect(problems.join('\n')).toMatch(/gateway.*"hots"/);
  });

  it('reports a malformed address and an unknown service', async () => {
    const bad = await checkDeploymentConfig({ env: { SLUICE__SERVICES__SCORER__GRPC_ADDRESS: 'scorer' } });
    expect(bad.problems.join('\n')).toMatch(/services\.scorer\.grpc_address/);
    const unknown = await checkDeploymentConfig({ env: { SLUICE__SERVICES__RANKER__GRPC_ADDRESS: 'ranker:1' } });
    expect(unknown.problems.join('\n')).toMatch(/"ranker"/);
  });

  it('reports an unknown section, and an undocumented key where no schema exists', async () => {
    const section = await checkDeploymentConfig({ env: { SLUICE__GATWAY__HOST: '0.0.0.0' } });
    expect(section.problems.join('\n')).toMatch(/unknown section "gatway"/);
    const undocumented = await checkDeploymentConfig({ env: { SLUICE__CLI__NO_SUCH_KEY: '1' } });
    expect(undocumented.problems.join('\n')).toMatch(/SLUICE__CLI__NO_SUCH_KEY/);
  });

  it('validates a whole config file given as content (the Kubernetes ConfigMap case)', async () => {
    const { problems } = await checkDeploymentConfig({
      fileContent: 'collector:\n  schedule_enabled: yes please\n',
      env: {},
    });
    expect(problems.join('\n')).toMatch(/collector\.schedule_enabled/);
  });
});
