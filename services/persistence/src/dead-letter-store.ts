// The dead_letters table behind admin.proto's dead-letter RPCs: list (filters, keyset pages newest first), get,
// discard, and the two halves of a replay. A replay is driven by the gateway, which sends the items through the
// pipeline again: `beginReplay` marks the rows (replays + 1, last_replayed_at = now) and returns their payloads;
// once the pipeline acknowledged an item, `finishReplay` settles its row: a dead letter of the same item seen
// after the replay started means it failed again (that row carries the new reason and attempts + 1, the old row
// goes); otherwise the item is stored now and the row goes.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DeadLetterFilter__Output, DeadLetterReplayOutcome, StoredDeadLetter } from '@sluice/protocol';
import { invalid } from './errors.js';
import type { Database } from './schema.js';
import { epochMs } from './timestamps.js';

interface DeadLetterRow {
  id: string | number;
  item_id: string;
  source_id: string;
  stage: string;
  reason: string;
  detail: string;
  payload_json?: string;
  attempts: number;
  first_seen_at: Date | string;
  last_seen_at: Date | string;
  replays: number;
  last_replayed_at: Date | string | null;
}

const LIST_COLUMNS = sql.raw(
  'id, item_id, source_id, stage, reason, detail, attempts, first_seen_at, last_seen_at, replays, last_replayed_at',
);
const MAX_IDS = 1000;

function toStored(row: DeadLetterRow): StoredDeadLetter {
  return {
    id: Number(row.id),
    item_id: row.item_id,
    source_id: row.source_id,
    stage: row.stage,
    reason: row.reason,
    detail: row.detail,
    payload_json: row.payload_json ?? '',
    attempts: row.attempts,
    first_seen_at_ms: epochMs(row.first_seen_at),
    last_seen_at_ms: epochMs(row.last_seen_at),
    replays: row.replays,
    last_replayed_at_ms: epochMs(row.last_replayed_at),
  };
}

function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify(['dl', id])).toString('base64url');
}

function decodeCursor(value: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed[0] === 'dl' && Number.isSafeInteger(parsed[1])) return parsed[1] as number;
  } catch {
    // fall through
  }
  throw invalid('cursor is not a cursor returned by this API');
}

function checkIds(ids: readonly (number | string)[]): number[] {
  if (ids.length > MAX_IDS) throw invalid(`at most ${MAX_IDS} ids at once`);
  return ids.map((id) => {
    const n = Number(id);
    if (!Number.isSafeInteger(n) || n <= 0) throw invalid(`not a dead-letter id: ${String(id)}`);
    return n;
  });
}

function hasFilter(filter: DeadLetterFilter__Output | null | undefined): boolean {
  return (
    !!filter &&
    ((filter.source_ids?.length ?? 0) > 0 ||
      !!filter.stage ||
      (filter.reasons?.length ?? 0) > 0 ||
      Number(filter.since_ms) > 0 ||
      Number(filter.until_ms) > 0)
  );
}

/** The filter as one SQL condition (parameterized). */
function filterSql(filter: DeadLetterFilter__Output | null | undefined): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  const since = Number(filter?.since_ms ?? 0);
  const until = Number(filter?.until_ms ?? 0);
  if (since > 0 && until > 0 && since >= until) throw invalid('since must be before until');
  if (filter?.source_ids?.length) parts.push(sql`source_id = ANY(${filter.source_ids}::text[])`);
  if (filter?.stage) parts.push(sql`stage = ${filter.stage}`);
  if (filter?.reasons?.length) parts.push(sql`reason = ANY(${filter.reasons}::text[])`);
  if (since > 0) parts.push(sql`last_seen_at >= ${new Date(since).toISOString()}::timestamptz`);
  if (until > 0) parts.push(sql`last_seen_at < ${new Date(until).toISOString()}::timestamptz`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

export class DeadLetterStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(input: {
    filter?: DeadLetterFilter__Output | null;
    limit: number;
    cursor: string;
  }): Promise<{ dead_letters: StoredDeadLetter[]; next_cursor: string }> {
    const limit = input.limit > 0 ? input.limit : 50;
    if (limit > 500) throw invalid('limit must be at most 500');
    const after = input.cursor ? sql`AND id < ${decodeCursor(input.cursor)}` : sql``;
    const { rows } = await sql<DeadLetterRow>`
      SELECT ${LIST_COLUMNS} FROM dead_letters WHERE ${filterSql(input.filter)} ${after} ORDER BY id DESC LIMIT ${limit + 1}`.execute(
      this.db,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      dead_letters: page.map(toStored),
      next_cursor: rows.length > limit && last ? encodeCursor(Number(last.id)) : '',
    };
  }

  async get(id: number): Promise<StoredDeadLetter | undefined> {
    const [checked] = checkIds([id]);
    const { rows } = await sql<DeadLetterRow>`SELECT * FROM dead_letters WHERE id = ${checked}`.execute(this.db);
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  /** Deletes the rows named, or every row matching a non-empty filter (or all rows with `all`). */
  async discard(input: {
    ids: readonly (number | string)[];
    filter?: DeadLetterFilter__Output | null;
    all: boolean;
  }): Promise<number> {
    let where: RawBuilder<boolean>;
    if (input.ids.length > 0) where = sql<boolean>`id = ANY(${checkIds(input.ids)}::int8[])`;
    else if (hasFilter(input.filter) || input.all) where = filterSql(input.filter);
    else throw invalid('name the dead letters to discard (ids or a filter), or set all');
    const { rows } = await sql<{ id: string }>`DELETE FROM dead_letters WHERE ${where} RETURNING id`.execute(this.db);
    return rows.length;
  }

  /** Picks the rows to replay (named, or the oldest matching the filter), marks them, returns them with payloads. */
  async beginReplay(input: {
    ids: readonly (number | string)[];
    filter?: DeadLetterFilter__Output | null;
    limit: number;
  }): Promise<{ dead_letters: StoredDeadLetter[]; started_at_ms: number }> {
    const limit = input.limit > 0 ? input.limit : 100;
    if (limit > MAX_IDS) throw invalid(`limit must be at most ${MAX_IDS}`);
    const where =
      input.ids.length > 0 ? sql<boolean>`id = ANY(${checkIds(input.ids)}::int8[])` : filterSql(input.filter);
    const { rows } = await sql<DeadLetterRow & { started_at: Date | string }>`
      WITH picked AS (SELECT id FROM dead_letters WHERE ${where} ORDER BY id LIMIT ${limit})
      UPDATE dead_letters d SET replays = d.replays + 1, last_replayed_at = now()
      FROM picked WHERE d.id = picked.id
      RETURNING d.*, now() AS started_at`.execute(this.db);
    const started = rows[0] ? epochMs(rows[0].started_at) : Date.now();
    return { dead_letters: rows.map(toStored).sort((a, b) => Number(a.id) - Number(b.id)), started_at_ms: started };
  }

  /** Settles replayed rows whose items the pipeline acknowledged (see the file comment). */
  async finishReplay(ids: readonly (number | string)[]): Promise<DeadLetterReplayOutcome[]> {
    const checked = checkIds(ids);
    return this.db.transaction().execute(async (trx) => {
      const outcomes: DeadLetterReplayOutcome[] = [];
      for (const id of checked) outcomes.push(await settle(trx, id));
      return outcomes;
    });
  }
}

async function settle(trx: Transaction<Database>, id: number): Promise<DeadLetterReplayOutcome> {
  const { rows } = await sql<DeadLetterRow>`SELECT * FROM dead_letters WHERE id = ${id} FOR UPDATE`.execute(trx);
  const original = rows[0];
  if (!original) return { id, item_id: '', outcome: 'pending', dead_letter: null };
  const replayedAt = original.last_replayed_at
    ? new Date(epochMs(original.last_replayed_at)).toISOString()
    : new Date(0).toISOString();
  // A failure after the replay started: this row (same stage, upserted) or another stage's row of the item.
  const again = await sql<DeadLetterRow>`
    SELECT * FROM dead_letters WHERE item_id = ${original.item_id} AND last_seen_at > ${sql`(SELECT last_replayed_at FROM dead_letters WHERE id = ${id})`}
    ORDER BY last_seen_at DESC, id DESC LIMIT 1 FOR UPDATE`.execute(trx);
  const failed = again.rows[0];
  if (failed) {
    if (Number(failed.id) === id)
      return { id, item_id: original.item_id, outcome: 'failed', dead_letter: toStored(failed) };
    const { rows: updated } = await sql<DeadLetterRow>`
      UPDATE dead_letters SET attempts = GREATEST(attempts, ${original.attempts + 1}), replays = GREATEST(replays, ${original.replays}), last_replayed_at = ${replayedAt}::timestamptz
      WHERE id = ${failed.id} RETURNING *`.execute(trx);
    await sql`DELETE FROM dead_letters WHERE id = ${id}`.execute(trx);
    return { id, item_id: original.item_id, outcome: 'failed', dead_letter: toStored(updated[0]!) };
  }
  const stored = await sql<{ found: number }>`SELECT 1 AS found FROM items WHERE id = ${original.item_id}`.execute(trx);
  if (stored.rows.length === 0)
    return { id, item_id: original.item_id, outcome: 'pending', dead_letter: toStored(original) };
  await sql`DELETE FROM dead_letters WHERE id = ${id}`.execute(trx);
  return { id, item_id: original.item_id, outcome: 'stored', dead_letter: null };
}
