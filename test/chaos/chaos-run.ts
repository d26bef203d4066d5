// The chaos scenario: the whole pipeline under supervision on a PostgreSQL cluster of its own, a verifiable
// JSONL source and a verifiable pusher (POST /v1/items) offering sequence-numbered items, while every service
// is SIGKILLed in turn at a random moment, the database connections are terminated, PostgreSQL is restarted
// once, and services are asked to stop with SIGTERM. The check reads the database.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  runSourcesResuming,
  startStack,
  type ResumedProgress,
  type ServiceName,
  type Stack,
  type SupervisorEvent,
} from '@sluice/stack';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
import { startPusher, type Pusher } from './pusher.js';
import { seededRandom } from './seeded-random.js';
import { writeVerifiableJsonl, type BadRecord } from './verifiable-source.js';

export type Fault = ServiceName | 'pg_terminate_backend' | 'pg_restart';

export interface ChaosOptions {
  seed: number;
  /** Items of the JSONL source. */
  items: number;
  /** One deliberately bad record every this many items. */
  badEvery: number;
  /** SIGKILLs and database faults, applied in a seeded random order. */
  faults: Fault[];
  /** Services stopped with SIGTERM (after the faults): each must drain and exit within `drainBoundMs`. */
  sigterm: ServiceName[];
  drainBoundMs: number;
  /** Most time from a fault until items flow again before the run counts as stalled. */
  stallMs: number;
  log: (line: string) => void;
}

export interface FaultRecord {
  fault: Fault | `sigterm ${ServiceName}`;
  atSeconds: number;
  recoverySeconds: number;
  /** SIGTERM: how long the service took to drain and exit. */
  drainSeconds?: number;
  detail?: string;
}

export interface ChaosReport {
  seed: number;
  offered: { jsonl: number; push: number; bad: number };
  stored: { jsonl: number; push: number };
  lost: number;
  duplicated: number;
  unexpected: number;
  deadLetters: { expected: number; stored: number; wrong: string[] };
  faults: FaultRecord[];
  run: ResumedProgress;
  collectedBound: number;
  cursorAtEnd: boolean;
  wallSeconds: number;
  problems: string[];
}

const JSONL_SOURCE = 'chaos-jsonl';
const PUSH_SOURCE = 'chaos-push';
const API_KEY = 'chaos-suite-key-0123456789abcdef';
const IN_FLIGHT_ITEMS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts stored items per source every 200 ms on a connection of its own (reconnects through the faults). */
class FlowMonitor {
  counts = { jsonl: 0, push: 0 };
  /** Polls completed so far. */
  polls = 0;
  #stopped = false;
  #client: pg.Client | undefined;
  readonly done: Promise<void>;

  constructor(private readonly url: string) {
    this.done = this.#loop();
  }

  get total(): number {
    return this.counts.jsonl + this.counts.push;
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      try {
        if (!this.#client) {
          const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 2_000 });
          client.on('error', () => undefined);
          await client.connect();
          this.#client = client;
        }
        const { rows } = await this.#client.query<{ source_id: string; n: string }>(
          'SELECT source_id, count(*) AS n FROM items GROUP BY source_id',
        );
        for (const row of rows) {
          if (row.source_id === JSONL_SOURCE) this.counts.jsonl = Number(row.n);
          if (row.source_id === PUSH_SOURCE) this.counts.push = Number(row.n);
        }
        this.polls += 1;
      } catch {
        await this.#client?.end().catch(() => undefined);
        this.#client = undefined; // terminated or restarted: connect again
      }
      await sleep(200);
    }
    await this.#client?.end().catch(() => undefined);
  }

  /** Resolves once `which` grew past its value now (items flow); rejects after `timeoutMs`. */
  async grows(which: 'jsonl' | 'push' | 'total', timeoutMs: number, done: () => boolean = () => false): Promise<void> {
    const value = () => (which === 'total' ? this.total : this.counts[which]);
    const deadline = Date.now() + timeoutMs;
    // The baseline comes from a poll that started after this call, not from one that may predate the fault.
    const fresh = this.polls + 2;
    while (this.polls < fresh && Date.now() < deadline) await sleep(50);
    const start = value();
    while (value() <= start && !done()) {
      if (Date.now() > deadline)
        throw new Error(`no ${which} items stored for ${Math.round(timeoutMs / 1000)} s (stalled at ${start})`);
      await sleep(100);
    }
  }

  stop(): Promise<void> {
    this.#stopped = true;
    return this.done;
  }
}

function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const { log } = options;
  const random = seededRandom(options.seed);
  const began = Date.now();
  const work = mkdtempSync(path.join(os.tmpdir(), 'sluice-chaos-'));
  const logDir = path.join(work, 'logs');
  log(`chaos: seed ${options.seed} (rerun with --seed ${options.seed}); work folder ${work}`);
  let cluster: PostgresCluster | undefined;
  let stack: Stack | undefined;
  let monitor: FlowMonitor | undefined;
  let pusher: Pusher | undefined;
  const problems: string[] = [];
  let succeeded = false;
  try {
    cluster = await startPostgresCluster();
    log(`chaos: own PostgreSQL cluster on 127.0.0.1:${cluster.port}`);
    const file = path.join(work, 'verifiable.jsonl');
    const bad: BadRecord[] = await writeVerifiableJsonl(file, options.items, options.badEvery, random);
    const source = {
      id: JSONL_SOURCE,
      kind: 'jsonl',
      path: file,
      batch_size: 200,
      interval_seconds: 3600,
      enabled: true,
    };
    const events: SupervisorEvent[] = [];
    stack = await startStack({
      env: {
        DATABASE_URL: cluster.url,
        SLUICE_API_KEY: API_KEY,
        SLUICE__LOG__LEVEL: 'warn',
        SLUICE__COLLECTOR__SOURCES: JSON.stringify([source]),
        SLUICE__COLLECTOR__MAX_IN_FLIGHT_ITEMS: String(IN_FLIGHT_ITEMS),
        SLUICE__COLLECTOR__CHECKPOINT_INTERVAL_MILLISECONDS: '500',
      },
      logDir,
      readyTimeoutMs: 180_000,
      restart: { maxRestarts: 4, windowMs: 60_000, initialDelayMs: 300, maxDelayMs: 3_000, resetAfterMs: 10_000 },
      onSupervisorEvent: (event) => {
        events.push(event);
        log(`  supervisor: ${JSON.stringify({ ...event, tail: undefined })}`);
      },
    });
    const live = stack;
    log(`chaos: stack ready after ${((Date.now() - began) / 1000).toFixed(1)} s; service logs in ${logDir}`);

    monitor = new FlowMonitor(cluster.url);
    const flow = monitor;
    const failure = live.failure.then((gaveUp) => {
      throw new Error(`${gaveUp.service} exhausted its restart budget:\n${gaveUp.tail}`);
    });
    failure.catch(() => undefined);
    let runDone = false;
    const run = runSourcesResuming({
      stack: live,
      sourceIds: [JSONL_SOURCE],
      timeoutMs: 60 * 60_000,
      maxRuns: 40,
      onResume: (why) => log(`  run: resuming (${why})`),
    });
    void run.then(
      () => (runDone = true),
      () => (runDone = true),
    );
    pusher = startPusher({
      baseUrl: () => live.httpUrl('gateway'),
      apiKey: API_KEY,
      sourceId: PUSH_SOURCE,
      batchSize: 50,
      items: Number.MAX_SAFE_INTEGER,
      random,
      pauseMs: 250,
    });
    const pushes = pusher;

    const faults: FaultRecord[] = [];
    // Seeded random order, except that the collector strikes first: it must hit the JSONL run while it is still
    // reading (every other fault also hits the pushes, which go on until the end).
    const plan: Fault[] = shuffle(
      options.faults.filter((f) => f !== 'collector'),
      random,
    );
    if (options.faults.includes('collector')) plan.unshift('collector');
    log(`chaos: fault order ${plan.join(', ')}; then SIGTERM ${options.sigterm.join(', ') || '(none)'}`);
    await Promise.race([flow.grows('total', options.stallMs), failure]);
    for (const fault of plan) {
      await sleep(1_000 + random() * 3_000);
      // Strike while items flow.
      await Promise.race([flow.grows('total', options.stallMs), failure]);
      const at = Date.now();
      let detail: string | undefined;
      // What must flow again: the collector feeds only the JSONL source, the gateway only the pushes.
      const watch: 'jsonl' | 'push' | 'total' =
        fault === 'collector' ? 'jsonl' : fault === 'gateway' ? 'push' : 'total';
      if (fault === 'pg_terminate_backend') {
        detail = `${await cluster.terminateConnections()} connections terminated`;
      } else if (fault === 'pg_restart') {
        await cluster.restart();
        detail = `down ${((Date.now() - at) / 1000).toFixed(1)} s`;
      } else {
        const proc = live.processes.get(fault)!;
        const exited = proc.exited;
        proc.child.kill('SIGKILL');
        await exited;
        // Items already past the killed stage may still be stored meanwhile: "flowing again" counts from the
        // moment it is back.
        await Promise.race([live.waitUntilUp(fault), failure]);
      }
      if (watch === 'jsonl' && runDone)
        problems.push(`the JSONL run had finished before the ${fault} kill: offer more items`);
      await Promise.race([flow.grows(watch, options.stallMs, () => watch === 'jsonl' && runDone), failure]);
      const record: FaultRecord = {
        fault,
        atSeconds: (at - began) / 1000,
        recoverySeconds: (Date.now() - at) / 1000,
        detail,
      };
      faults.push(record);
      log(
        `chaos: ${fault} → items flow again after ${record.recoverySeconds.toFixed(1)} s${detail ? ` (${detail})` : ''}`,
      );
    }
    for (const name of options.sigterm) {
      await sleep(500 + random() * 1_500);
      await Promise.race([flow.grows('total', options.stallMs), failure]);
      const at = Date.now();
      const proc = live.processes.get(name)!;
      const exited = proc.exited;
      proc.child.kill('SIGTERM');
      await exited;
      const drainSeconds = (Date.now() - at) / 1000;
      if (drainSeconds * 1000 > options.drainBoundMs)
        problems.push(
          `${name} took ${drainSeconds.toFixed(1)} s to drain and exit after SIGTERM (bound ${options.drainBoundMs / 1000} s)`,
        );
      await Promise.race([live.waitUntilUp(name), failure]);
      await Promise.race([
        flow.grows(
          name === 'collector' ? 'jsonl' : name === 'gateway' ? 'push' : 'total',
          options.stallMs,
          () => name === 'collector' && runDone,
        ),
        failure,
      ]);
      const record: FaultRecord = {
        fault: `sigterm ${name}`,
        atSeconds: (at - began) / 1000,
        recoverySeconds: (Date.now() - at) / 1000,
        drainSeconds,
      };
      faults.push(record);
      log(
        `chaos: SIGTERM ${name} → drained and exited in ${drainSeconds.toFixed(1)} s; items flow again after ${record.recoverySeconds.toFixed(1)} s`,
      );
    }

    pushes.stop();
    await pushes.done;
    const pushed = pushes.progress.storedBatches * 50;
    log(
      `chaos: faults done; ${pushed} items pushed (${pushes.progress.retries} requests sent again); waiting for the JSONL run`,
    );
    const progress = await Promise.race([run, failure]);
    await monitor.stop();
    monitor = undefined;

    const db = new pg.Client({ connectionString: cluster.url });
    await db.connect();
    try {
      const rowsOf = async (sourceId: string) =>
        (
          await db.query<{ external_id: string }>('SELECT external_id FROM items WHERE source_id = $1', [sourceId])
        ).rows.map((r) => r.external_id);
      const jsonlRows = await rowsOf(JSONL_SOURCE);
      const pushRows = await rowsOf(PUSH_SOURCE);
      const expectedJsonl = new Set(Array.from({ length: options.items }, (_, i) => `seq-${i + 1}`));
      const expectedPush = new Set(Array.from({ length: pushed }, (_, i) => `push-${i + 1}`));
      const check = (rows: string[], expected: Set<string>) => {
        const seen = new Set<string>();
        let duplicated = 0;
        let unexpected = 0;
        for (const id of rows) {
          if (seen.has(id)) duplicated += 1;
          else if (!expected.has(id)) unexpected += 1;
          seen.add(id);
        }
        const lost = [...expected].filter((id) => !seen.has(id));
        return { lost, duplicated, unexpected, stored: seen.size };
      };
      const jsonl = check(jsonlRows, expectedJsonl);
      const push = check(pushRows, expectedPush);
      // The pusher's extra items (a batch in flight when it stopped) may be stored too: they are not "unexpected".
      const pushUnexpected = pushRows.filter((id) => !expectedPush.has(id) && !/^push-\d+$/.test(id)).length;
      if (jsonl.lost.length > 0)
        problems.push(`lost ${jsonl.lost.length} JSONL items, e.g. ${jsonl.lost.slice(0, 5).join(', ')}`);
      if (push.lost.length > 0)
        problems.push(`lost ${push.lost.length} pushed items, e.g. ${push.lost.slice(0, 5).join(', ')}`);
      if (jsonl.duplicated + push.duplicated > 0)
        problems.push(`${jsonl.duplicated + push.duplicated} items stored twice`);
      if (jsonl.unexpected + pushUnexpected > 0)
        problems.push(`${jsonl.unexpected + pushUnexpected} rows that were never offered`);

      const letters = (
        await db.query<{ source_id: string; stage: string; reason: string; detail: string; payload_json: string }>(
          'SELECT source_id, stage, reason, detail, payload_json FROM dead_letters',
        )
      ).rows;
      const wrong: string[] = [];
      const expectedReasons = bad.map((b) => b.reason).sort();
      const storedReasons = letters
        .filter((l) => l.source_id === JSONL_SOURCE && l.stage === 'collector')
        .map((l) => l.reason)
        .sort();
      if (JSON.stringify(storedReasons) !== JSON.stringify(expectedReasons))
        wrong.push(`reasons ${JSON.stringify(storedReasons)} instead of ${JSON.stringify(expectedReasons)}`);
      for (const letter of letters) {
        if (letter.source_id !== JSONL_SOURCE || letter.stage !== 'collector')
          wrong.push(
            `unexpected dead letter ${letter.stage}/${letter.reason} of ${letter.source_id}: ${letter.detail.slice(0, 200)}`,
          );
        else if (!letter.detail) wrong.push(`dead letter ${letter.reason} without detail`);
      }
      if (wrong.length > 0) problems.push(`dead letters: ${wrong.slice(0, 5).join('; ')}`);

      const state = (
        await db.query<{ cursor_json: string }>('SELECT cursor_json FROM sources WHERE id = $1', [JSONL_SOURCE])
      ).rows[0];
      const cursor = state?.cursor_json ? (JSON.parse(state.cursor_json) as { byte_offset?: number }) : {};
      const cursorAtEnd = cursor.byte_offset === statSync(file).size;
      if (!cursorAtEnd)
        problems.push(
          `the JSONL cursor ended at ${JSON.stringify(cursor)}, not at the end of the file (${statSync(file).size} bytes)`,
        );
      // Resuming from the checkpoint re-reads at most what was unacknowledged (the window) plus what the
      // checkpoint interval had not saved yet; a restart from the beginning would re-read everything.
      const collectedBound = options.items + (progress.runs - 1) * (IN_FLIGHT_ITEMS + 2_000);
      if (progress.collected > collectedBound)
        problems.push(
          `collected ${progress.collected} items over ${progress.runs} runs: more than resuming from checkpoints allows (${collectedBound})`,
        );

      const report: ChaosReport = {
        seed: options.seed,
        offered: { jsonl: options.items, push: pushed, bad: bad.length },
        stored: { jsonl: jsonl.stored, push: push.stored },
        lost: jsonl.lost.length + push.lost.length,
        duplicated: jsonl.duplicated + push.duplicated,
        unexpected: jsonl.unexpected + pushUnexpected,
        deadLetters: { expected: bad.length, stored: letters.length, wrong },
        faults,
        run: progress,
        collectedBound,
        cursorAtEnd,
        wallSeconds: (Date.now() - began) / 1000,
        problems,
      };
      succeeded = problems.length === 0;
      return report;
    } finally {
      await db.end();
    }
  } catch (error) {
    log(`chaos: FAILED (seed ${options.seed}): ${(error as Error).message}\nservice logs: ${logDir}`);
    throw error;
  } finally {
    pusher?.abandon();
    await monitor?.stop();
    await stack?.stop(30_000);
    await cluster?.destroy();
    // Logs of a failed run stay for the post-mortem.
    if (succeeded) rmSync(work, { recursive: true, force: true });
  }
}
