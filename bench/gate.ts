// `pnpm bench gate`: the benchmark gate CI runs after the tests. A short run of the benchmarks that matter,
// compared with bench/baseline.json on ratios measured side by side in one run (never absolute times: the
// machine is shared and noisy). Prints metric, baseline, now, threshold, pass/fail; writes
// bench/results/gate.json; exits 1 when a metric is past its threshold.
//
//   pnpm bench gate                      compare with bench/baseline.json
//   pnpm bench gate --update-baseline    measure (3 runs, median) and write bench/baseline.json (--only: those groups)
//   pnpm bench gate --only transform,score --runs 3
//   SLUICE_GATE_INJECT=batcher-sleep pnpm bench gate   (or --inject=…): a deliberate regression, to see it fail
//
// Thresholds and how they were chosen: docs/profiling.md ("The benchmark gate") and bench/RESULTS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EMBEDDING_MODEL, ensureBuiltinModels } from '../packages/models/src/index.js';
import { repoRoot } from '../packages/service-kit/src/index.js';
import { runEndToEnd } from './e2e.js';
import { coreBatchingEfficiency, loadBenchWords, speedupVsUnbatched } from './inference.js';
import { benchDir, machineDescription, writeResult, type Metrics } from './lib.js';
import { measurePersistence } from './persistence.js';
import { referenceWork } from './reference-workload.js';
import { scoreItems, scoreRunner, type SimilarityWrapper } from './score.js';
import { transformCorpus, transformRunner, type NormalizeWrapper } from './transform.js';

export const GATE_GROUPS = ['transform', 'score', 'inference', 'persistence', 'e2e'] as const;
export type GateGroup = (typeof GATE_GROUPS)[number];

/** Deliberate regressions the gate can inject into what it measures (wrapping or configuring, never in service code). */
export const INJECTIONS = ['batcher-sleep', 'transform-alloc', 'score-alloc'] as const;
export type Injection = (typeof INJECTIONS)[number];

export interface GateCheck {
  metric: string;
  group: GateGroup;
  /** higher: a drop is a regression; lower (a cost): a rise is. */
  better: 'higher' | 'lower';
  /** Allowed relative change against the baseline before the check fails (0.3 = 30%). */
  tolerance: number;
  what: string;
}

// Tolerances: about twice the widest spread seen over repeated runs on the shared 2-core machine, under loads
// of 20–46 (bench/RESULTS.md, "gate"), so noise passes, while the injected regressions move each metric well
// past it. CPU-time ratios are tight (other processes delay both sides without charging them); wall-clock
// ratios of multi-threaded or multi-process paths swing with the load and get wide tolerances.
export const GATE_CHECKS: readonly GateCheck[] = [
  {
    metric: 'transform_cost_vs_reference',
    group: 'transform',
    better: 'lower',
    tolerance: 0.6,
    what: 'transformer CPU per item ÷ reference workload CPU per unit',
  },
  {
    metric: 'score_cost_vs_reference',
    group: 'score',
    better: 'lower',
    tolerance: 0.3,
    what: 'scorer CPU per item ÷ reference workload CPU per unit',
  },
  {
    metric: 'inference_cpu_speedup_vs_unbatched',
    group: 'inference',
    better: 'higher',
    tolerance: 0.3,
    what: '64 single-item callers of the server core: CPU per item with one item per run ÷ batched (64)',
  },
  {
    metric: 'inference_speedup_vs_unbatched',
    group: 'inference',
    better: 'higher',
    tolerance: 0.6,
    what: 'the same as items/s, batched ÷ one item per run (wall clock: wide, catches broken batching)',
  },
  {
    metric: 'inference_cpu_batching_efficiency',
    group: 'inference',
    better: 'higher',
    tolerance: 0.4,
    what: 'CPU per item: offline full batches on ONNX Runtime ÷ 64 single-item callers of the server core',
  },
  {
    metric: 'persistence_ratio_vs_copy',
    group: 'persistence',
    better: 'higher',
    tolerance: 0.6,
    what: 'persistence service ÷ psql COPY of the same rows, items/s (wall clock, shared server: wide)',
  },
  {
    metric: 'e2e_cpu_cost_vs_reference',
    group: 'e2e',
    better: 'lower',
    tolerance: 0.5,
    what: "all six services' CPU per item end to end ÷ reference workload CPU per unit",
  },
];

export const BASELINE_FILE = path.join(benchDir, 'baseline.json');

export interface Baseline {
  date: string;
  machine: string;
  command: string;
  metrics: Record<string, number>;
}

export interface GateRow {
  metric: string;
  baseline: number | undefined;
  now: number | undefined;
  /** The limit `now` must not cross (a floor for higher-is-better, a ceiling for costs). */
  threshold: number | undefined;
  better: 'higher' | 'lower';
  pass: boolean;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Reference units per slice: about as much CPU as a stage slice, so both sides see the same machine. */
const REFERENCE_UNITS = 20_000;

/**
 * Alternates `slices` stage slices with reference-workload slices in this process; returns the stage's CPU per
 * item ÷ the reference's CPU per unit, and both sides. CPU time (not wall time): other processes on the
 * machine delay both sides without charging them, and the alternation spreads what remains over both.
 */
async function costVsReference(
  stage: (slice: number) => Promise<number>,
  slices: number,
): Promise<{ ratio: number; stageMsPerItem: number; referenceMsPerUnit: number }> {
  let stageMs = 0;
  let items = 0;
  let referenceMs = 0;
  referenceWork(REFERENCE_UNITS / 4); // JIT warm-up
  for (let slice = 0; slice < slices; slice++) {
    let since = process.cpuUsage();
    items += await stage(slice);
    stageMs += cpuMs(since);
    since = process.cpuUsage();
    referenceWork(REFERENCE_UNITS);
    referenceMs += cpuMs(since);
  }
  const stageMsPerItem = stageMs / items;
  const referenceMsPerUnit = referenceMs / (slices * REFERENCE_UNITS);
  return { ratio: stageMsPerItem / referenceMsPerUnit, stageMsPerItem, referenceMsPerUnit };
}

/** `objects` small objects allocated per item (kept alive until the item is done): the injected stage regression. */
function allocatePerItem(count: number, objects: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const garbage = Array.from({ length: objects }, (_, k) => ({ k, label: `x${k}` }));
    sum += garbage[i % objects]!.k;
  }
  return sum;
}

// About +100% (transformer) and +90% (scorer) CPU per item on this machine (~0.09 ms per 1,000 objects).
const slowNormalize: NormalizeWrapper = (normalize) => async (raw) => {
  allocatePerItem(raw.length, 6000);
  return normalize(raw);
};
const slowSimilarity: SimilarityWrapper = (similarity) => async (items, profiles) => {
  allocatePerItem(items.rows, 2000);
  return similarity(items, profiles);
};
/** A batcher that spends 1 ms more per batch on the main thread (a synchronous sleep after each batch). */
function slowBatcher(): void {
  const until = performance.now() + 1;
  while (performance.now() < until);
}

export interface GateOptions {
  groups?: readonly GateGroup[];
  inject?: readonly Injection[];
  log?: (line: string) => void;
}

/** One measurement of every check in `groups`: the gate metrics plus the raw sides they come from. */
export async function measureGate(options: GateOptions = {}): Promise<Metrics> {
  const groups = options.groups ?? GATE_GROUPS;
  const inject = new Set(options.inject ?? []);
  const log = options.log ?? ((line: string) => console.log(line));
  const metrics: Metrics = {};
  const timed = async (group: GateGroup, work: () => Promise<void>) => {
    if (!groups.includes(group)) return;
    const started = performance.now();
    await work();
    log(`  ${group}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  await ensureBuiltinModels({ dir: path.join(repoRoot, '.models'), only: [EMBEDDING_MODEL] });

  await timed('transform', async () => {
    const perSlice = 300;
    const slices = 5;
    const corpus = transformCorpus(perSlice * slices);
    const runner = await transformRunner(1, inject.has('transform-alloc') ? slowNormalize : undefined);
    try {
      const cost = await costVsReference(async (slice) => {
        const items = corpus.slice(slice * perSlice, (slice + 1) * perSlice);
        await runner.run(items);
        return items.length;
      }, slices);
      metrics.transform_cost_vs_reference = cost.ratio;
      metrics.transform_cpu_milliseconds_per_item = cost.stageMsPerItem;
      metrics.reference_cpu_milliseconds_per_unit = cost.referenceMsPerUnit;
    } finally {
      await runner.close();
    }
  });

  await timed('score', async () => {
    const perSlice = 1500;
    const slices = 5;
    const items = scoreItems(perSlice * slices, 3);
    const runner = await scoreRunner(inject.has('score-alloc') ? slowSimilarity : undefined);
    const cost = await costVsReference(async (slice) => {
      await runner.run(items.slice(slice * perSlice, (slice + 1) * perSlice));
      return perSlice;
    }, slices);
    metrics.score_cost_vs_reference = cost.ratio;
    metrics.score_cpu_milliseconds_per_item = cost.stageMsPerItem;
    metrics.reference_cpu_milliseconds_per_unit ??= cost.referenceMsPerUnit;
  });

  await timed('inference', async () => {
    await loadBenchWords();
    const hook = inject.has('batcher-sleep') ? slowBatcher : undefined;
    const speedup = await speedupVsUnbatched(EMBEDDING_MODEL, 6_000, 1_000, hook);
    const [batched, unbatched] = speedup.itemsPerSecond;
    metrics.inference_speedup_vs_unbatched = batched / unbatched;
    metrics.inference_cpu_speedup_vs_unbatched = speedup.cpuMillisecondsPerItem[1] / speedup.cpuMillisecondsPerItem[0];
    metrics.inference_items_per_second_batched_core = batched;
    metrics.inference_items_per_second_unbatched_core = unbatched;
    const efficiency = await coreBatchingEfficiency(EMBEDDING_MODEL, 6_000, 1_000, hook);
    metrics.inference_batching_efficiency = efficiency.itemsPerSecond[0] / efficiency.itemsPerSecond[1];
    metrics.inference_cpu_batching_efficiency =
      efficiency.cpuMillisecondsPerItem[1] / efficiency.cpuMillisecondsPerItem[0];
    metrics.inference_items_per_second_offline = efficiency.itemsPerSecond[1];
  });

  await timed('persistence', async () => {
    const result = await measurePersistence(4_000, 4);
    metrics.persistence_ratio_vs_copy = result.ratio_vs_copy!;
    metrics.persistence_items_per_second = result.items_per_second!;
    metrics.persistence_copy_items_per_second = result.copy_items_per_second!;
  });

  await timed('e2e', async () => {
    const referenceMs = () => {
      const since = process.cpuUsage();
      referenceWork(REFERENCE_UNITS);
      return cpuMs(since) / REFERENCE_UNITS;
    };
    referenceWork(REFERENCE_UNITS / 4);
    const before = referenceMs();
    // On the CPU, as the other checks: what `auto` picks depends on the machine's drivers, not on the code.
    const result = await runEndToEnd(5, 100, {
      serviceEnv: { inference: { SLUICE__INFERENCE__DEVICE: 'cpu' } },
      trackRss: false,
    });
    const perUnit = (before + referenceMs()) / 2;
    const cpuMsPerItem = (result.cpu_seconds_net! * 1000) / result.items!;
    metrics.e2e_cpu_cost_vs_reference = cpuMsPerItem / perUnit;
    metrics.e2e_cpu_milliseconds_per_item = cpuMsPerItem;
    metrics.e2e_items_per_second = result.items_per_second!;
    metrics.e2e_idle_cpu_seconds_per_second = result.cpu_seconds_idle_per_second!;
  });
  return metrics;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Per-metric median over several measurements. */
export function medianMetrics(runs: Metrics[]): Metrics {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(
    keys.map((key) => [key, median(runs.map((r) => r[key]).filter((v): v is number => v !== undefined))]),
  );
}

/** Compares a measurement with the baseline; checks of groups not measured are left out. */
export function compareWithBaseline(
  baseline: Record<string, number>,
  now: Metrics,
  checks: readonly GateCheck[] = GATE_CHECKS,
): GateRow[] {
  return checks
    .filter((check) => now[check.metric] !== undefined)
    .map((check) => {
      const base = baseline[check.metric];
      const value = now[check.metric];
      const threshold =
        base === undefined
          ? undefined
          : check.better === 'higher'
            ? base * (1 - check.tolerance)
            : base * (1 + check.tolerance);
      const pass =
        threshold !== undefined &&
        value !== undefined &&
        Number.isFinite(value) &&
        (check.better === 'higher' ? value >= threshold : value <= threshold);
      return { metric: check.metric, baseline: base, now: value, threshold, better: check.better, pass };
    });
}

const format = (value: number | undefined) => (value === undefined ? '—' : value.toPrecision(4));

export function formatGateTable(rows: GateRow[]): string {
  const header = ['metric', 'baseline', 'now', 'threshold', 'result'];
  const body = rows.map((r) => [
    r.metric,
    format(r.baseline),
    format(r.now),
    `${r.better === 'higher' ? '≥' : '≤'} ${format(r.threshold)}`,
    r.baseline === undefined ? 'FAIL (no baseline)' : r.pass ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The committed baseline; none yet means every check fails ("no baseline") until one is written. */
export function readBaseline(file = BASELINE_FILE): Baseline {
  if (!existsSync(file)) return { date: '', machine: '', command: '', metrics: {} };
  return JSON.parse(readFileSync(file, 'utf8')) as Baseline;
}

function parseList<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] | undefined {
  if (!value) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = items.filter((i) => !(allowed as readonly string[]).includes(i));
  if (unknown.length > 0) throw new Error(`unknown ${what} ${unknown.join(', ')}; known: ${allowed.join(', ')}`);
  return items as T[];
}

function option(args: string[], name: string): string | undefined {
  const index = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (index === -1) return undefined;
  const arg = args[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
}

/** The command line of `pnpm bench gate`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const update = args.includes('--update-baseline');
  const groups = parseList(option(args, 'only'), GATE_GROUPS, 'group');
  const inject = parseList(option(args, 'inject') ?? process.env.SLUICE_GATE_INJECT, INJECTIONS, 'injection') ?? [];
  const runs = Number(option(args, 'runs') ?? (update ? 3 : 1));
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  if (update && inject.length > 0) throw new Error('--update-baseline measures without injections');
  console.log(
    `== bench gate${inject.length ? ` (injected: ${inject.join(', ')})` : ''}${runs > 1 ? `, ${runs} runs, median` : ''} ==`,
  );
  const started = performance.now();
  const measured: Metrics[] = [];
  for (let r = 0; r < runs; r++) measured.push(await measureGate({ groups, inject }));
  const now = medianMetrics(measured);
  console.log(`measured in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  if (update) {
    // With --only, the other groups' values stay as they were.
    const previous = groups ? readBaseline().metrics : {};
    const command = [
      'pnpm bench gate --update-baseline',
      groups ? `--only ${groups.join(',')}` : '',
      runs !== 3 ? `--runs ${runs}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const baseline: Baseline = {
      date: new Date().toISOString(),
      machine: machineDescription(),
      command,
      metrics: { ...previous, ...now },
    };
    writeFileSync(BASELINE_FILE, `${JSON.stringify(baseline, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), BASELINE_FILE)}`);
  }
  const baseline = readBaseline();
  const rows = compareWithBaseline(baseline.metrics, now);
  console.log(`\n${formatGateTable(rows)}\n`);
  const passed = rows.every((r) => r.pass);
  const file = writeResult('gate', now, false);
  // The comparison goes into the same file, next to the standard fields.
  const result = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(
    file,
    `${JSON.stringify({ ...result, injected: inject, runs: measured, baseline: { date: baseline.date, machine: baseline.machine }, checks: rows, passed }, null, 2)}\n`,
  );
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
  console.log(
    passed
      ? 'gate: pass'
      : `gate: FAIL (${rows
          .filter((r) => !r.pass)
          .map((r) => r.metric)
          .join(', ')})`,
  );
  return passed ? 0 : 1;
}
