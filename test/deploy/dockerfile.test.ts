// Static checks of deploy/docker/Dockerfile against the project: the pnpm version package.json pins, a frozen
// lockfile, models built at image build time by a CLI command that exists, a non-root user, a health check
// and default command that point at files in the repository, and a .dockerignore that keeps local state out.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployDir, execForm, readDockerfile, repoRoot, stageEnv, type DockerStage } from './deploy-files.js';

const dockerfile = path.join(deployDir, 'docker', 'Dockerfile');
const { stages } = readDockerfile(dockerfile);
const stage = (name: string): DockerStage => {
  const found = stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
};
const runs = (s: DockerStage) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  packageManager: string;
  engines?: { node?: string };
};

/** A file argument of a `node [--import tsx] <file> ...` command exists in the repository. */
function scriptOf(command: string[]): string {
  const args = command.slice(1).filter((arg, index, all) => !arg.startsWith('--') && all[index - 1] !== '--import');
  return args[0]!;
}

describe('Dockerfile', () => {
  it('builds the CPU runtime by default (last stage) and has a CUDA runtime target', () => {
    expect(stages.at(-1)!.name).toBe('runtime');
    expect(stage('runtime').base).toMatch(/^node:20[-.\w]*slim$/);
    expect(stage('runtime-cuda').base).toMatch(/^nvidia\/cuda:12\.\d+(\.\d+)?-cudnn-runtime-/);
    // The CUDA image gets its Node.js binary from the same Node 20 image.
    expect(stage('node-binary').base).toBe(stage('runtime').base);
    expect(
      stage('runtime-cuda').instructions.some((i) => i.keyword === 'COPY' && i.args.includes('--from=node-binary')),
    ).toBe(true);
  });

  it('installs exactly the pnpm that package.json pins, with the frozen lockfile', () => {
    expect(packageJson.packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
    const install = runs(stage('pnpm')).join('\n');
    // Either the literal pin or read from package.json at build time (then the pin cannot drift).
    expect(
      install.includes(packageJson.packageManager) || install.includes(`require('./package.json').packageManager`),
    ).toBe(true);
    expect(
      stage('pnpm').instructions.some((i) => i.keyword === 'COPY' && i.args.split(/\s+/).includes('package.json')),
    ).toBe(true);
    expect(runs(stage('deps')).join('\n')).toMatch(/^pnpm fetch$/m);
    expect(runs(stage('build')).join('\n')).toMatch(/pnpm install --prefer-offline --frozen-lockfile/);
  });

  it('builds the built-in models and sample corpus at build time with the CLI prepare command', () => {
    const build = runs(stage('build')).join('\n');
    expect(build).toMatch(/node --import tsx packages\/cli\/src\/main\.ts prepare/);
    expect(existsSync(path.join(repoRoot, 'packages/cli/src/main.ts'))).toBe(true);
    expect(readFileSync(path.join(repoRoot, 'packages/cli/src/main.ts'), 'utf8')).toMatch(/\.command\('prepare'\)/);
    expect(stageEnv(stage('build'))).toMatchObject({
      SLUICE_MODELS_DIR: '/app/.models',
      SLUICE_DATA_DIR: '/app/.data',
    });
  });

  it('re-runs onnxruntime-node install for CUDA 12 in the CUDA build only', () => {
    const cuda = runs(stage('build-cuda')).join('\n');
    expect(cuda).toMatch(/ONNXRUNTIME_NODE_INSTALL=cuda12 node script\/install\.js/);
    expect(cuda).toContain('services/inference/node_modules/onnxruntime-node');
    const ort = path.join(repoRoot, 'services/inference/node_modules/onnxruntime-node/script/install.js');
    expect(existsSync(ort), 'onnxruntime-node ships script/install.js').toBe(true);
    expect(runs(stage('build')).join('\n')).not.toMatch(/ONNXRUNTIME_NODE_INSTALL/);
  });

  it('runs as a non-root user with a health check and a default command that exist', () => {
    for (const name of ['runtime', 'runtime-cuda']) {
      const s = stage(name);
      const user = s.instructions.filter((i) => i.keyword === 'USER').at(-1)?.args;
      expect(user, `${name} USER`).toMatch(/^[1-9]\d*(:\d+)?$/);
      const healthcheck = s.instructions.find((i) => i.keyword === 'HEALTHCHECK')!;
      expect(healthcheck.args).toMatch(/--interval=\d+s/);
      const check = execForm(healthcheck.args);
      expect(existsSync(path.join(repoRoot, scriptOf(check))), `${name} health check script`).toBe(true);
      const command = execForm(s.instructions.filter((i) => i.keyword === 'CMD').at(-1)!.args);
      expect(command.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
      expect(existsSync(path.join(repoRoot, scriptOf(command))), `${name} CMD ${command.join(' ')}`).toBe(true);
      // Ops HTTP and the gateway listen beyond the container's loopback.
      expect(stageEnv(s)).toMatchObject({ SLUICE_HTTP_HOST: '0.0.0.0', SLUICE__GATEWAY__HOST: '0.0.0.0' });
    }
    expect(
      execForm(
        stage('runtime-cuda')
          .instructions.filter((i) => i.keyword === 'CMD')
          .at(-1)!.args,
      ),
    ).toEqual(['node', '--import', 'tsx', 'services/inference/src/main.ts']);
  });

  it('keeps dependencies, local state, secrets and git out of the build context', () => {
    const ignored = readFileSync(path.join(deployDir, 'docker', 'Dockerfile.dockerignore'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.git', '.models', '.data', '**/.env']));
    // Nothing the build needs is ignored.
    for (const needed of [
      'package.json',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
      'config',
      'services',
      'packages',
      'protos',
      'deploy',
    ]) {
      expect(ignored, needed).not.toContain(needed);
    }
  });
});
