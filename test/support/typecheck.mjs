// `pnpm typecheck`: the server code (tsconfig.json) and the console (its own JSX and DOM settings) in turn. A
// Node launcher rather than `a && b` in package.json, which Windows PowerShell 5.1 rejects.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
for (const project of ['tsconfig.json', path.join('packages', 'console', 'tsconfig.json')]) {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
