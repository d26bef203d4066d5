// Replay bookkeeping for dead letters: how often a row was replayed and when the last replay started (a dead
// letter seen after that is a new failure of the replayed item; see dead-letter-store.ts).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE dead_letters ADD COLUMN replays integer NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE dead_letters ADD COLUMN last_replayed_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE dead_letters DROP COLUMN IF EXISTS last_replayed_at`.execute(db);
  await sql`ALTER TABLE dead_letters DROP COLUMN IF EXISTS replays`.execute(db);
}
