// pnpm bench priority: a backlog of low-priority items (JSONL sources at priority 1: 50,000 items, --smoke 1,000)
// with 1% as many high-priority items mixed in while it drains (an "urgent" JSONL source at priority 9, polled
// every second), through every service as a separate process into PostgreSQL. Urgent items are published at an
// even pace over the first 80% of the backlog's drain (its duration estimated from the items stored so far). The
// same workload runs twice in one invocation: with priorities, then without (the urgent source at priority 1 like
// the backlog, so every queue serves arrival order); the second run has the warmer caches.
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
  const prioritized = await runOnce(files, perFile, HIGH_PRIORITY);
  const plain = await runOnce(files, perFile, LOW_PRIORITY);
  const p50 = (values: number[]) => percentile(values, 50);
  const rate = (r: RunOutcome) => r.items / r.seconds;
  return {
    backlog_items: files * perFile,
    urgent_items: prioritized.latencies.urgent.length,
    priority_latency_ratio: p50(prioritized.latencies.urgent) / p50(prioritized.latencies.backlog),
    throughput_ratio: rate(prioritized) / rate(plain),
    items_per_second_with_priorities: rate(prioritized),
    items_per_second_without_priorities: rate(plain),
    urgent_p50_milliseconds: p50(prioritized.latencies.urgent),
    urgent_p95_milliseconds: percentile(prioritized.latencies.urgent, 95),
    backlog_p50_milliseconds: p50(prioritized.latencies.backlog),
    backlog_max_milliseconds: percentile(prioritized.latencies.backlog, 100),
    urgent_in_pipeline_p50_milliseconds: p50(prioritized.latencies.urgentInPipeline),
    backlog_in_pipeline_p50_milliseconds: p50(prioritized.latencies.backlogInPipeline),
    without_priority_latency_ratio: p50(plain.latencies.urgent) / p50(plain.latencies.backlog),
    without_urgent_p50_milliseconds: p50(plain.latencies.urgent),
    without_urgent_in_pipeline_p50_milliseconds: p50(plain.latencies.urgentInPipeline),
  };
}

async function runOnce(files: number, perFile: number, urgentPriority: number): Promise<RunOutcome> {
  const backlog = files * perFile;
  const urgentTotal = Math.floor(backlog / 100);
  const workload = createPriorityWorkload({ files, perFile, lowPriority: LOW_PRIORITY, highPriority: urgentPriority });
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
