// Writes groups of batches in one transaction each and turns the outcome into one Ack per batch.
// Idempotent: items are upserted on their content key, unchanged rows are left alone and reported as such.
// Poison isolation: when the database rejects the group with a data error, the group is split in halves,
// recursively, each half in its own transaction, until the offending items stand alone; they become
// dead letters (reason "write_failed") and everything else commits. Transient errors are retried in place,
// then fail the batches back to the sender (which resends them).
import { backoffMs, sleep } from '@sluice/common';
import { deadLetterLabels } from '@sluice/content';
import type { Kysely } from 'kysely';
import type { Ack, ItemBatch__Output } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import { classifyWriteError, describeError } from './db-errors.js';
import {
  deadLetterFor,
  prepareItem,
  upstreamDeadLetterRow,
  type DeadLetterRow,
  type PreparedItem,
} from './item-rows.js';
import type { PersistenceMetrics } from './metrics.js';
import type { Database } from './schema.js';
import { writeGroupStatement } from './upsert-sql.js';

export type ItemOutcome = 'inserted' | 'updated' | 'unchanged' | 'dead_lettered';

export interface ItemWriterOptions {
  db: Kysely<Database>;
  metrics?: PersistenceMetrics;
  logger?: Logger;
  /** In-place retries of a transaction that failed with a transient error. */
  retries?: number;
}

interface GroupEntry {
  batch: ItemBatch__Output;
  /** Item ids of the batch in order (valid, invalid and incoming dead letters). */
  ids: string[];
  prepared: PreparedItem[];
  deadLetters: DeadLetterRow[];
}

export class ItemWriter {
  readonly #db: Kysely<Database>;
  readonly #metrics?: PersistenceMetrics;
  readonly #logger?: Logger;
  readonly #retries: number;

  constructor(options: ItemWriterOptions) {
    this.#db = options.db;
    this.#metrics = options.metrics;
    this.#logger = options.logger;
    this.#retries = options.retries ?? 3;
  }

  /** Makes every batch durable (one transaction, or several when isolating poison) and returns their Acks. */
  async writeGroup(batches: readonly ItemBatch__Output[]): Promise<Ack[]> {
    const entries: GroupEntry[] = batches.map((batch) => {
      const entry: GroupEntry = { batch, ids: [], prepared: [], deadLetters: [] };
      for (const item of batch.items ?? []) {
        const prepared = prepareItem(item);
        if (prepared.ok) {
          entry.prepared.push(prepared.value);
          entry.ids.push(prepared.value.id);
        } else {
          entry.deadLetters.push(prepared.deadLetter);
          if (prepared.deadLetter.item_id) entry.ids.push(prepared.deadLetter.item_id);
        }
      }
      for (const letter of batch.dead_letters ?? []) {
        const row = upstreamDeadLetterRow(letter);
        entry.deadLetters.push(row);
        if (letter.item_id) entry.ids.push(letter.item_id);
      }
      return entry;
    });

    // One row per id in a statement (ON CONFLICT cannot touch a row twice); the last occurrence wins.
    // Sorted by id so concurrent transactions lock rows in the same order (no deadlocks).
    const latest = new Map<string, PreparedItem>();
    for (const entry of entries) for (const p of entry.prepared) latest.set(p.id, p);
    const items = [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const letters = new Map<string, DeadLetterRow>();
    for (const entry of entries)
      for (const row of entry.deadLetters) letters.set(`${row.item_id}\u0000${row.stage}`, row);
    const deadLetters = [...letters.values()].sort((a, b) =>
      a.item_id < b.item_id ? -1 : a.item_id > b.item_id ? 1 : 0,
    );

    const outcomes = new Map<string, ItemOutcome>();
    const poisoned = new Map<string, DeadLetterRow>();
    await this.#writeWithIsolation(items, deadLetters, outcomes, poisoned);

    // Acks: every id of a batch is durable now; count each batch's own items.
    const seen = new Set<string>();
    const acks = entries.map((entry): Ack => {
      let inserted = 0;
      let updated = 0;
      let unchanged = 0;
      let deadLettered = entry.deadLetters.length;
      for (const p of entry.prepared) {
        if (poisoned.has(p.id)) {
          deadLettered += 1;
          continue;
        }
        // A duplicate id within the group: the first occurrences were superseded by the last.
        const outcome = seen.has(p.id) ? 'unchanged' : (outcomes.get(p.id) ?? 'unchanged');
        seen.add(p.id);
        if (outcome === 'inserted') inserted += 1;
        else if (outcome === 'updated') updated += 1;
        else unchanged += 1;
      }
      return {
        batch_id: entry.batch.batch_id,
        item_ids: entry.ids,
        inserted,
        updated,
        unchanged,
        dead_lettered: deadLettered,
      };
    });
    if (this.#metrics) {
      for (const [, outcome] of outcomes) this.#metrics.items.inc({ outcome });
      for (const row of [...deadLetters, ...poisoned.values()])
        this.#metrics.deadLetters.inc(deadLetterLabels(row.stage, row.reason));
    }
    return acks;
  }

  async #writeWithIsolation(
    items: PreparedItem[],
    deadLetters: DeadLetterRow[],
    outcomes: Map<string, ItemOutcome>,
    poisoned: Map<string, DeadLetterRow>,
  ): Promise<void> {
    try {
      await this.#transaction(items, deadLetters, outcomes);
      return;
    } catch (error) {
      if (classifyWriteError(error) !== 'poison') throw error;
      if (items.length <= 1 && deadLetters.length === 0) {
        const item = items[0];
        if (!item) throw error;
        const letter = deadLetterFor(item.source, 'write_failed', describeError(error));
        poisoned.set(item.id, letter);
        this.#logger?.warn(
          { item_id: item.id, source_id: item.item.source_id, error: describeError(error) },
          'item rejected by the database; dead-lettered',
        );
        await this.#transaction([], [letter], outcomes);
        return;
      }
      this.#metrics?.isolations.inc();
      // Dead letters first, alone (they are sanitized and should never be the poison), then halves of the items.
      if (deadLetters.length > 0) await this.#transaction([], deadLetters, outcomes);
      const middle = Math.ceil(items.length / 2);
      if (items.length > 1) {
        await this.#writeWithIsolation(items.slice(0, middle), [], outcomes, poisoned);
        await this.#writeWithIsolation(items.slice(middle), [], outcomes, poisoned);
      } else if (items.length === 1) {
        await this.#writeWithIsolation(items, [], outcomes, poisoned);
      }
    }
  }

  /** One atomic write (a single statement) with in-place retries for transient errors. */
  async #transaction(
    items: PreparedItem[],
    deadLetters: DeadLetterRow[],
    outcomes: Map<string, ItemOutcome>,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      try {
        // One statement: atomic on its own, no BEGIN/COMMIT round trips (see upsert-sql.ts).
        const result = await writeGroupStatement(this.#db, items, deadLetters);
        for (const [id, outcome] of result) outcomes.set(id, outcome);
        if (this.#metrics) {
          this.#metrics.transactionSeconds.observe({ outcome: 'commit' }, (performance.now() - started) / 1000);
          this.#metrics.transactionItems.observe(items.length + deadLetters.length);
          let changed = 0;
          for (const p of items) {
            const outcome = result.get(p.id);
            if (outcome === 'inserted' || outcome === 'updated') {
              changed += 1;
              this.#metrics.rows.inc({ table: 'classifications' }, p.classifications.length);
              if (p.embedding) this.#metrics.rows.inc({ table: 'embeddings' });
              if (p.chunks.length > 0) this.#metrics.rows.inc({ table: 'item_chunks' }, p.chunks.length);
              if (p.score) this.#metrics.rows.inc({ table: 'scores' });
            }
          }
          this.#metrics.rows.inc({ table: 'items' }, changed);
          this.#metrics.rows.inc({ table: 'dead_letters' }, deadLetters.length);
        }
        return;
      } catch (error) {
        this.#metrics?.transactionSeconds.observe({ outcome: 'rollback' }, (performance.now() - started) / 1000);
        const kind = classifyWriteError(error);
        if (kind !== 'transient' || attempt >= this.#retries) throw error;
        this.#metrics?.writeRetries.inc({ kind });
        this.#logger?.warn({ attempt: attempt + 1, error: describeError(error) }, 'transient write error; retrying');
        await sleep(backoffMs(attempt, { initialMs: 50, maxMs: 2000, jitter: 'proportional' }));
      }
    }
  }
}
