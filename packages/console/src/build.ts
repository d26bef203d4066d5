// Builds the console (app/) into dist/ with Vite: one HTML page, hashed JS and CSS, everything bundled (no
// CDN). ensureConsoleBuilt() rebuilds only when a source file changed since the last build (a hash of app/ and
// the package's lock-relevant files is kept in dist/.build-hash), so `sluice prepare` costs nothing when the
// bundle is current. The Vite JS API needs no shell, so this works the same on Windows.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const consolePackageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const consoleAppDirectory = path.join(consolePackageDirectory, 'app');
export const consoleDistDirectory = path.join(consolePackageDirectory, 'dist');
const HASH_FILE = path.join(consoleDistDirectory, '.build-hash');

/** A hash of every file the bundle is made from. */
export function consoleSourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        hash.update(path.relative(consoleAppDirectory, full).replaceAll('\\', '/'));
        hash.update(readFileSync(full));
      }
    }
  };
  walk(consoleAppDirectory);
  for (const file of ['package.json', 'src/build.ts'])
    hash.update(readFileSync(path.join(consolePackageDirectory, file)));
  return hash.digest('hex');
}

export async function buildConsole(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: consoleAppDirectory,
    base: '/console/',
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: consoleDistDirectory,
      emptyOutDir: true,
      target: 'es2022',
      // The page's CSP allows no inline scripts or styles: keep every asset a file.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
    },
  });
  writeFileSync(HASH_FILE, consoleSourceHash());
}

/** Builds the console when dist/ is missing or older than its sources; true when it built. */
export async function ensureConsoleBuilt(options: { onProgress?: (message: string) => void } = {}): Promise<boolean> {
  const current = existsSync(HASH_FILE) ? readFileSync(HASH_FILE, 'utf8') : '';
  if (current === consoleSourceHash() && existsSync(path.join(consoleDistDirectory, 'index.html'))) return false;
  const started = Date.now();
  options.onProgress?.('building the web console (packages/console)');
  await buildConsole();
  options.onProgress?.(`built the web console in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
