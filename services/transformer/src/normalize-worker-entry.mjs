// Entry file of the worker threads. Compiled deployments have normalize-worker.js beside it; from source
// (node --import tsx, vitest) the TypeScript file is loaded through tsx, which a fresh worker may not have.
import { existsSync } from 'node:fs';

const compiled = new URL('./normalize-worker.js', import.meta.url);
let mod;
if (existsSync(compiled)) {
  mod = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(new URL('./normalize-worker.ts', import.meta.url).href);
}
export default mod.default;
