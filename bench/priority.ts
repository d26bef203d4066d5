// pnpm bench priority: a backlog of low-priority items (JSONL sources at priority 1: 50,000 items, --smoke 1,000)
// with 1% as many high-priority items mixed in while it drains (an "urgent" JSONL source at priority 9, polled
// every 3 s, SLUICE_BENCH_PRIORITY_URGENT_INTERVAL_SECONDS), through every service as a separate process into
// PostgreSQL. Urgent items are published at an even pace over the first 80% of the backlog's drain (its duration
// estimated from the items stored so far). The same workload runs with priorities and without (the urgent source
// at priority 1 like the backlog and the pre-score off, so every queue serves arrival order), side by side in one
// invocation: with, without, without, with (--smoke: with, without).
//   priority_latency_ratio: p50 source-to-database latency, urgent ÷ backlog (with priorities; target ≤ 0.2)
//   throughput_ratio: items/s with priorities ÷ items/s without (target ≥ 0.95)
import { createTestDatabase, startStack } from '@sluice/stack';
import {
  createPriorityWorkload,
  storedCount,
  storedLatencies,
  type StoredLatencies,
} from '../test/support/priority-workload.js';
import { percentile, type Metrics } from './lib.js';

const LOW_PRIORITY = 1;
const HIGH_PRIORITY = 9;
/** Urgent items are published over this share of the backlog's drain, so each meets a backlog. */
const PUBLISH_SHARE = 0.8;

interface RunOutcome {
  latencies: StoredLatencies;
  items: number;
  seconds: number;
}

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  // SLUICE_BENCH_PRIORITY_BACKLOG sets another backlog size (10 files), for a machine too busy for 50,000.
  const backlogOverride = Number(process.env.SLUICE_BENCH_PRIORITY_BACKLOG ?? 0);
  const files = smoke ? 2 : 10;
  const perFile = smoke ? 500 : backlogOverride > 0 ? Math.ceil(backlogOverride / files) : 5_000;
  // Side by side, in the order with, without, without, with (--smoke: with, without), so a machine whose load
  // drifts during the invocation disturbs both modes alike. Each mode pools its runs.
  const order = smoke ? [true, false] : [true, false, false, true];
  const runs: Array<{ prioritized: boolean; outcome: RunOutcome }> = [];
  for (const prioritized of order)
    runs.push({ prioritized, outcome: await runOnce(files, perFile, prioritized ? HIGH_PRIORITY : LOW_PRIORITY) });
  const pool = (prioritized: boolean) => {
    const mine = runs.filter((r) => r.prioritized === prioritized).map((r) => r.outcome);
    return {
      urgent: mine.flatMap((r) => r.latencies.urgent),
      backlog: mine.flatMap((r) => r.latencies.backlog),
      itemsPerSecond: mine.reduce((sum, r) => sum + r.items, 0) / mine.reduce((sum, r) => sum + r.seconds, 0),
    };
  };
  const withPriorities = pool(true);
  const without = pool(false);
  const p50 = (values: number[]) => percentile(values, 50);
  return {
    backlog_items: files * perFile,
    urgent_items: (files * perFile) / 100,
    runs_per_mode: order.length / 2,
    priority_latency_ratio: p50(withPriorities.urgent) / p50(withPriorities.backlog),
    throughput_ratio: withPriorities.itemsPerSecond / without.itemsPerSecond,
    items_per_second_with_priorities: withPriorities.itemsPerSecond,
    items_per_second_without_priorities: without.itemsPerSecond,
    urgent_p50_milliseconds: p50(withPriorities.urgent),
    urgent_p95_milliseconds: percentile(withPriorities.urgent, 95),
    backlog_p50_milliseconds: p50(withPriorities.backlog),
    backlog_max_milliseconds: percentile(withPriorities.backlog, 100),
    without_priority_latency_ratio: p50(without.urgent) / p50(without.backlog),
    without_urgent_p50_milliseconds: p50(without.urgent),
    without_backlog_p50_milliseconds: p50(without.backlog),
    ...Object.fromEntries(
      runs.map((r, i) => [
        `run_${i + 1}_${r.prioritized ? 'with' : 'without'}_items_per_second`,
        r.outcome.items / r.outcome.seconds,
      ]),
    ),
  };
}

async function runOnce(files: number, perFile: number, urgentPriority: number): Promise<RunOutcome> {
  const backlog = files * perFile;
  const urgentTotal = Math.floor(backlog / 100);
  const workload = createPriorityWorkload({
    files,
    perFile,
    lowPriority: LOW_PRIORITY,
    highPriority: urgentPriority,
    urgentIntervalSeconds: Number(process.env.SLUICE_BENCH_PRIORITY_URGENT_INTERVAL_SECONDS ?? 3),
  });
  const db = await createTestDatabase('sluice_bench_priority');
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  try {
    stack = await startStack({
      env: {
        DATABASE_URL: db.url,
        SLUICE_API_KEY: 'bench-key',
        SLUICE__COLLECTOR__SOURCES: JSON.stringify(workload.sources),
        SLUICE__COLLECTOR__SCHEDULE_ENABLED: 'true',
        SLUICE__COLLECTOR__SCHEDULE_TICK_MILLISECONDS: '200',
        // Without priorities the pre-score is off too (its freshness would lift the just-published urgent items).
        ...(urgentPriority === LOW_PRIORITY ? { SLUICE__TRANSFORMER__PRIORITY__ENABLED: 'false' } : {}),
        LOG_LEVEL: 'warn',
        SLUICE__LOG__LEVEL: 'warn',
      },
    });
    const started = Date.now();
    const deadline = started + (backlog <= 5_000 ? 300_000 : 3_600_000);
    for (;;) {
      const stored = await storedCount(db.url);
      const due = urgentDue(urgentTotal, backlog, stored.backlog, Date.now() - started);
      if (due > workload.published.size) workload.publishUrgent(due - workload.published.size);
      if (stored.backlog >= backlog && stored.urgent >= urgentTotal) break;
      if (Date.now() > deadline)
        throw new Error(`stored ${stored.backlog}/${backlog} backlog and ${stored.urgent}/${urgentTotal} urgent items`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const latencies = await storedLatencies(db.url, workload.published);
    const items = latencies.backlog.length + latencies.urgent.length;
    return { latencies, items, seconds: (latencies.lastStoredMs - latencies.startedMs) / 1000 };
  } finally {
    await stack?.stop();
    await db.drop();
    workload.remove();
  }
}

/** Urgent items due by now: an even share of the expected drain time (rate so far), all once 80% is stored. */
function urgentDue(total: number, backlog: number, storedBacklog: number, elapsedMs: number): number {
  if (storedBacklog >= PUBLISH_SHARE * backlog) return total;
  if (storedBacklog === 0) return 1;
  const expectedMs = (backlog / storedBacklog) * elapsedMs;
  return Math.max(1, Math.min(total, Math.floor((total * elapsedMs) / (PUBLISH_SHARE * expectedMs))));
}
