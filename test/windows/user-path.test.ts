// The user's path on Windows, checked statically (CI runs on Linux): the README's quick-start commands and every
// package.json script use only syntax that bash, cmd, PowerShell 7 and Windows PowerShell 5.1 all accept, CI
// runs exactly the README's test command, and the code a user runs (CLI, stack, services) makes no POSIX-only
// assumptions about signals, shells or paths.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@sluice/service-kit';
import { shellProblems } from '../support/shell-portability.js';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

/** The command lines of the ```sh blocks in one `## ` section of a Markdown file (comments dropped). */
function sectionCommands(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`no section "## ${heading}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
    block[1]!
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}

/** package.json of the root and of every workspace package. */
function workspaceManifests(): { file: string; scripts: Record<string, string> }[] {
  const globs = (YAML.parse(read('pnpm-workspace.yaml')) as { packages: string[] }).packages;
  const dirs = [
    '.',
    ...globs.flatMap((glob) =>
      glob.endsWith('/*')
        ? readdirSync(path.join(repoRoot, glob.slice(0, -2))).map((name) => `${glob.slice(0, -2)}/${name}`)
        : [glob],
    ),
  ];
  return dirs.flatMap((dir) => {
    try {
      const manifest = JSON.parse(read(path.join(dir, 'package.json'))) as { scripts?: Record<string, string> };
      return [{ file: path.join(dir, 'package.json'), scripts: manifest.scripts ?? {} }];
    } catch {
      return [];
    }
  });
}

describe('the shell-syntax check', () => {
  it.each([
    ['npx -y pnpm@12.4.2 install && npx -y pnpm@12.4.2 start', '&&'],
    ['pnpm typecheck || exit 1', '||'],
    ['node a.js & node b.js', '&'],
    ['node a.js; node b.js', ';'],
    ['SLUICE__LOG__LEVEL=debug node x.js', 'VAR=value command'],
    ["node -e 'console.log(1)'", "'single quotes'"],
    ['node x.js $HOME', '$VAR'],
    ['node x.js %USERPROFILE%', '%VAR%'],
    ['echo $(date)', 'command substitution'],
    ['vitest run test/*.test.ts', 'glob'],
    ['node x.js > out.log', 'redirection or pipe'],
    ['pnpm start -- --serve', '--'],
    ['rm -rf .data', 'POSIX-only command'],
    ['./scripts/run.sh', './program'],
    ['node x.js \\', 'trailing \\'],
  ])('flags %s', (command, token) => {
    expect(shellProblems(command).map((p) => p.token)).toContain(token);
  });

  it.each([
    'npx -y pnpm@12.4.2 start',
    'npx -y pnpm@12.4.2 start --serve --items 500',
    'node --import tsx packages/cli/src/main.ts start',
    'vitest run',
    'node -e "console.log(process.argv.length > 1 && 1; 2)"',
  ])('accepts %s', (command) => {
    expect(shellProblems(command)).toEqual([]);
  });
});

describe('README quick start', () => {
  const commands = sectionCommands(read('README.md'), 'Quick start');

  it('is two one-line commands, run the main job and run the tests', () => {
    expect(commands).toEqual(['npx -y pnpm@12.4.2 start', 'npx -y pnpm@12.4.2 test']);
  });

  it('uses only syntax every shell accepts (bash, cmd, PowerShell 7, Windows PowerShell 5.1)', () => {
    for (const command of commands) expect(shellProblems(command), command).toEqual([]);
  });

  it('pins the pnpm that package.json pins', () => {
    const pinned = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager;
    for (const command of commands) expect(command).toContain(`npx -y ${pinned} `);
  });

  it('installs the dependencies as part of each command (pnpm verifies them before running a script)', () => {
    expect((YAML.parse(read('pnpm-workspace.yaml')) as { verifyDepsBeforeRun?: unknown }).verifyDepsBeforeRun).toBe(
      'install',
    );
  });

  it('is what CI runs: the test command is a line of .ci/run, unchanged', () => {
    const ciLines = read('.ci/run')
      .split('\n')
      .map((line) => line.trim());
    expect(ciLines).toContain(commands[1]);
  });
});

describe('package.json scripts', () => {
  const manifests = workspaceManifests();

  it('finds the root and the workspace packages', () => {
    expect(manifests.map((m) => m.file.split(path.sep).join('/'))).toEqual(
      expect.arrayContaining(['package.json', 'packages/cli/package.json', 'services/persistence/package.json']),
    );
  });

  it('use only syntax that sh, cmd and PowerShell all run the same', () => {
    const problems = manifests.flatMap((m) =>
      Object.entries(m.scripts).flatMap(([name, body]) =>
        shellProblems(body).map((p) => `${m.file} "${name}": ${p.token} (${p.why})`),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('start and test run Node.js directly (no shell built-ins, no POSIX tools)', () => {
    const { scripts } = manifests.find((m) => m.file === 'package.json')!;
    expect(scripts.start).toMatch(/^node /);
    expect(scripts.test).toMatch(/^vitest /);
  });
});

describe('the code on the user path', () => {
  /** TypeScript sources of what `pnpm start` and `pnpm test` run: the CLI, the stack, the shared packages, the services. */
  function userPathSources(): string[] {
    const roots = [
      'packages/cli/src',
      'packages/stack/src',
      'packages/service-kit/src',
      'packages/protocol/src',
      'packages/models/src',
      'packages/content/src',
      ...readdirSync(path.join(repoRoot, 'services')).map((s) => `services/${s}/src`),
    ];
    const walk = (dir: string): string[] =>
      readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
        const rel = `${dir}/${entry.name}`;
        if (entry.isDirectory()) return entry.name === 'generated' ? [] : walk(rel);
        return entry.name.endsWith('.ts') ? [rel] : [];
      });
    return roots.flatMap(walk);
  }

  const POSIX_ONLY: { pattern: RegExp; what: string }[] = [
    { pattern: /['"`]\/tmp\b/, what: 'a hard-coded /tmp (use os.tmpdir())' },
    { pattern: /\/dev\/null/, what: '/dev/null' },
    { pattern: /shell:\s*true/, what: 'a shell-interpreted child process' },
    {
      pattern: /\b(?:spawn|execFile|exec|execSync|spawnSync)\(\s*['"](?:sh|bash|\/bin\/)/,
      what: 'a POSIX shell as child process',
    },
    {
      pattern: /process\.(?:on|once)\(\s*['"]SIG(?:HUP|USR1|USR2|QUIT|WINCH|CHLD|PIPE)['"]/,
      what: 'a signal Windows never delivers',
    },
    { pattern: /process\.kill\(\s*-/, what: 'a process-group kill' },
    { pattern: /\bprocess\.get(?:e?uid|e?gid)\(\)/, what: 'POSIX user ids' },
  ];

  it('finds the sources', () => {
    const files = userPathSources();
    expect(files).toEqual(
      expect.arrayContaining([
        'packages/cli/src/main.ts',
        'packages/stack/src/service-process.ts',
        'services/gateway/src/main.ts',
      ]),
    );
  });

  it('has no POSIX-only signals, shells or paths', () => {
    const problems = userPathSources().flatMap((file) => {
      const source = read(file);
      return POSIX_ONLY.filter(({ pattern }) => pattern.test(source)).map(({ what }) => `${file}: ${what}`);
    });
    expect(problems).toEqual([]);
  });

  it('stops services with an IPC message, which works where SIGTERM cannot be sent (Windows)', () => {
    expect(read('packages/stack/src/service-process.ts')).toMatch(/child\.send\(\{ type: 'shutdown' \}\)/);
    expect(read('packages/service-kit/src/shutdown.ts')).toMatch(
      /process\.on\('message'[\s\S]{0,200}type === 'shutdown'/,
    );
  });
});
