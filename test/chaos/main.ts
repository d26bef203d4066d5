// `pnpm test:chaos` (full: 50,000 items, every fault) and `pnpm test:chaos --short` (what CI runs).
// Options: --seed N (replay a run), --items N. Writes bench/results/chaos.json (chaos.smoke.json for --short).
import { printTable, writeResult } from '../../bench/lib.js';
import { runChaos, type Fault } from './chaos-run.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const short = args.includes('--short');
const seed = Number(option('seed') ?? Math.floor(Math.random() * 2 ** 31));
const ALL: Fault[] = [
  'collector',
  'transformer',
  'inference',
  'scorer',
  'persistence',
  'gateway',
  'pg_terminate_backend',
  'pg_restart',
];
const report = await runChaos({
  seed,
  items: Number(option('items') ?? (short ? 12_000 : 50_000)),
  badEvery: short ? 1_000 : 2_500,
  // The short run keeps one kill of each kind of process: a source, a relay stage, the sink, the gateway and the database.
  faults: short ? ['collector', 'transformer', 'persistence', 'gateway', 'pg_terminate_backend', 'pg_restart'] : ALL,
  sigterm: short ? ['scorer'] : ['collector', 'transformer', 'inference', 'scorer', 'persistence', 'gateway'],
  drainBoundMs: 30_000,
  stallMs: 120_000,
  log: (line) => console.log(line),
});

console.log('\nfault                     at s   recovery s   drain s');
for (const f of report.faults) {
  console.log(
    `${f.fault.padEnd(24)} ${f.atSeconds.toFixed(1).padStart(6)} ${f.recoverySeconds.toFixed(1).padStart(12)} ${(f.drainSeconds?.toFixed(1) ?? '').padStart(9)}${f.detail ? `   ${f.detail}` : ''}`,
  );
}
const metrics = {
  items: report.offered.jsonl + report.offered.push,
  kills: report.faults.length,
  lost: report.lost,
  duplicated: report.duplicated,
  recovery_seconds_max: Math.max(0, ...report.faults.map((f) => f.recoverySeconds)),
  drain_seconds_max: Math.max(0, ...report.faults.map((f) => f.drainSeconds ?? 0)),
  dead_letters: report.deadLetters.stored,
  runs: report.run.runs,
  collected: report.run.collected,
  items_per_second: (report.offered.jsonl + report.offered.push) / report.wallSeconds,
  wall_seconds: report.wallSeconds,
  seed,
};
printTable(`chaos${short ? ' (short)' : ''}`, metrics);
console.log(`\nwrote ${writeResult('chaos', metrics, short)}`);
if (report.problems.length > 0) {
  console.error(
    `\nchaos FAILED (seed ${seed}; rerun: pnpm test:chaos${short ? ' --short' : ''} --seed ${seed}):\n  - ${report.problems.join('\n  - ')}`,
  );
  process.exit(1);
}
console.log(
  `\nchaos passed: ${metrics.items} items offered, every one stored exactly once through ${metrics.kills} faults (seed ${seed}).`,
);
process.exit(0);
