// `pnpm bench <name> [--smoke]`: runs bench/<name>.ts, prints its table and writes bench/results/<name>.json.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir, printTable, writeResult, type Metrics } from './lib.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke') || process.env.SLUICE_BENCH_SMOKE === '1';
const names = args.filter((a) => !a.startsWith('--'));
const available = readdirSync(benchDir)
  // gate.ts is the CI gate over the others (its own command line); reference-workload.ts is one of its parts;
  // explain-write.ts prints query plans (docs/profiling.md); console-timing.ts is a part of console.ts,
  // e2e-stages.ts a part of e2e.ts (the stages measured alone).
  .filter(
    (f) =>
      f.endsWith('.ts') &&
      ![
        'run.ts',
        'lib.ts',
        'gate.ts',
        'reference-workload.ts',
        'explain-write.ts',
        'console-timing.ts',
        'e2e-stages.ts',
      ].includes(f) &&
      !f.endsWith('.d.ts'),
  )
  .map((f) => f.slice(0, -3))
  .sort();

if (names.length === 0) {
  console.error(
    `usage: pnpm bench <name> [--smoke] | pnpm bench gate [--update-baseline]\navailable: ${available.join(', ')}`,
  );
  process.exit(2);
}
if (names[0] === 'gate') {
  const { main } = await import('./gate.js');
  process.exit(await main(args.filter((a) => a !== 'gate')));
}
const selected = names[0] === 'all' ? available : names;
let failed = false;
for (const name of selected) {
  const file = path.join(benchDir, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`unknown benchmark "${name}"; available: ${available.join(', ')}`);
    process.exit(2);
  }
  const module = (await import(pathToFileURL(file).href)) as { run: (options: { smoke: boolean }) => Promise<Metrics> };
  console.log(`== bench ${name}${smoke ? ' (smoke)' : ''} ==`);
  try {
    const metrics = await module.run({ smoke });
    printTable(`${name}${smoke ? ' (smoke)' : ''}`, metrics);
    console.log(`\nwrote ${path.relative(process.cwd(), writeResult(name, metrics, smoke))}`);
  } catch (error) {
    failed = true;
    console.error(`bench ${name} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
