// `pnpm test:fuzz`: the property tests only (`*.property.test.ts`), each with many more runs. A Node launcher
// rather than shell syntax in package.json, so it works the same on Windows. Arguments narrow the files
// (substrings of their paths, e.g. `pnpm test:fuzz collector`); SLUICE_FUZZ_SCALE overrides the factor.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_SCALE = '50';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function propertyFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...propertyFiles(full));
    else if (entry.name.endsWith('.property.test.ts')) found.push(full);
  }
  return found;
}

// The same folders as vitest.config.ts's include.
const folders = [path.join(root, 'test')];
for (const group of ['packages', 'services']) {
  for (const entry of readdirSync(path.join(root, group), { withFileTypes: true })) {
    if (entry.isDirectory()) folders.push(path.join(root, group, entry.name, 'test'));
  }
}
const filters = process.argv.slice(2).map((f) => f.replaceAll('\\', '/'));
const files = folders
  .flatMap((folder) => {
    try {
      return propertyFiles(folder);
    } catch {
      return [];
    }
  })
  .map((file) => path.relative(root, file).replaceAll('\\', '/'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error(`no *.property.test.ts files${filters.length > 0 ? ` match ${filters.join(', ')}` : ''}`);
  process.exit(1);
}
const require = createRequire(import.meta.url);
const vitest = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const scale = process.env.SLUICE_FUZZ_SCALE || DEFAULT_SCALE;
console.log(`fuzzing ${files.length} property test files with SLUICE_FUZZ_SCALE=${scale}`);
const child = spawn(process.execPath, [vitest, 'run', '--testTimeout=1800000', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SLUICE_FUZZ_SCALE: scale },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
