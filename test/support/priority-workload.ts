// The workload of `pnpm bench priority` and of the priority tests: a backlog of low-priority items in JSONL
// files, an "urgent" JSONL file that receives items while the backlog drains, and each item's latency from its
// source to the database.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const WORDS = (
  'market river engine garden signal harbor winter planet budget theory museum doctor crystal forest ' +
  'window battery island lawyer concert factory mirror rocket ticket valley farmer castle pepper marble ' +
  'teacher jungle bridge camera desert library orbit violin harvest canyon compass lantern meadow pillar ' +
  'quartz saddle timber voyage whistle anchor blossom cradle dolphin ember falcon glacier hammock ivory'
).split(' ');

/** A distinct text per serial (a seeded word sequence), so no two items are near duplicates of each other. */
export function itemText(serial: number, words = 48): string {
  let state = (serial * 2654435761 + 12345) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    out.push(WORDS[(state >>> 8) % WORDS.length]!);
  }
  return `${out.join(' ')} (record ${serial}).`;
}

function record(id: string, serial: number, publishedMs?: number): string {
  return `${JSON.stringify({
    id,
    title: `report ${serial}`,
    content: itemText(serial),
    content_type: 'text/plain',
    ...(publishedMs ? { published_at: new Date(publishedMs).toISOString() } : {}),
  })}\n`;
}

export interface PriorityWorkload {
  dir: string;
  /** Collector source definitions: `files` backlog sources at `lowPriority`, one urgent source at `highPriority`. */
  sources: Array<Record<string, unknown>>;
  /** Appends `count` items to the urgent source and remembers when each was published. */
  publishUrgent(count: number): void;
  readonly published: ReadonlyMap<string, number>;
  remove(): void;
}

export function createPriorityWorkload(options: {
  files: number;
  perFile: number;
  lowPriority: number;
  highPriority: number;
  urgentIntervalSeconds?: number;
}): PriorityWorkload {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-priority-'));
  const sources: Array<Record<string, unknown>> = [];
  for (let f = 0; f < options.files; f += 1) {
    const file = path.join(dir, `backlog-${f}.jsonl`);
    const lines: string[] = [];
    for (let n = 0; n < options.perFile; n += 1) lines.push(record(`b${f}-${n}`, f * 1_000_000 + n));
    writeFileSync(file, lines.join(''));
    sources.push({
      id: `backlog-${f}`,
      kind: 'jsonl',
      path: file,
      priority: options.lowPriority,
      batch_size: 100,
      interval_seconds: 3600,
    });
  }
  const urgentFile = path.join(dir, 'urgent.jsonl');
  writeFileSync(urgentFile, '');
  sources.push({
    id: 'urgent',
    kind: 'jsonl',
    path: urgentFile,
    priority: options.highPriority,
    batch_size: 100,
    interval_seconds: options.urgentIntervalSeconds ?? 1,
  });
  const published = new Map<string, number>();
  return {
    dir,
    sources,
    published,
    publishUrgent(count) {
      const now = Date.now();
      const lines: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const id = `u-${published.size + i}`;
        lines.push(record(id, 900_000_000 + published.size + i, now));
      }
      // One write of whole lines, so a poll never reads half a record.
      appendFileSync(urgentFile, lines.join(''));
      for (let i = 0; i < count; i += 1) published.set(`u-${published.size}`, now);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface StoredLatencies {
  /** Source-to-database milliseconds: urgent items from their publication, backlog items from the backlog's start. */
  urgent: number[];
  backlog: number[];
  /** The backlog's start (its first collection) and the last commit, epoch ms. */
  startedMs: number;
  lastStoredMs: number;
}

export async function storedCount(databaseUrl: string): Promise<{ backlog: number; urgent: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ urgent: string; backlog: string }>(
      `SELECT count(*) FILTER (WHERE source_id = 'urgent') AS urgent, count(*) FILTER (WHERE source_id <> 'urgent') AS backlog FROM items`,
    );
    return { backlog: Number(rows[0]!.backlog), urgent: Number(rows[0]!.urgent) };
  } catch {
    return { backlog: 0, urgent: 0 }; // the schema is not migrated yet
  } finally {
    await client.end();
  }
}

export async function storedLatencies(
  databaseUrl: string,
  published: ReadonlyMap<string, number>,
): Promise<StoredLatencies> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      source_id: string;
      external_id: string;
      stored_ms: number;
      collected_ms: number;
    }>(
      `SELECT source_id, external_id, extract(epoch FROM stored_at) * 1000 AS stored_ms,
              extract(epoch FROM collected_at) * 1000 AS collected_ms FROM items`,
    );
    const backlogRows = rows.filter((r) => r.source_id !== 'urgent');
    const urgentRows = rows.filter((r) => r.source_id === 'urgent');
    const startedMs = Math.min(...backlogRows.map((r) => Number(r.collected_ms)));
    return {
      urgent: urgentRows.map((r) => Number(r.stored_ms) - published.get(r.external_id)!),
      backlog: backlogRows.map((r) => Number(r.stored_ms) - startedMs),
      startedMs,
      lastStoredMs: Math.max(...rows.map((r) => Number(r.stored_ms))),
    };
  } finally {
    await client.end();
  }
}
