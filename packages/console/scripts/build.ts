// `pnpm --filter @sluice/console build`: builds dist/ now (sluice prepare builds it only when it is stale).
import { buildConsole, consoleDistDirectory } from '../src/build.js';

const started = Date.now();
await buildConsole();
console.log(`built ${consoleDistDirectory} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
