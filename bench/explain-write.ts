// `node --import tsx bench/explain-write.ts [items]`: EXPLAIN (ANALYZE, BUFFERS) of persistence's write statement
// (upsert-sql.ts) on a fresh database of $DATABASE_URL's server: first a group of new items (the insert path),
// then the same ids with changed text (the update path: child upserts and stale-row deletes). The statement is
// the one the service sends, captured from kysely's query log; EXPLAIN ANALYZE runs it for real.
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { createTestDatabase } from '../packages/stack/src/index.js';
import { migrateToLatest, prepareItem } from '../services/persistence/src/index.js';
import type { PreparedItem } from '../services/persistence/src/item-rows.js';
import type { Database } from '../services/persistence/src/schema.js';
import { writeGroupStatement } from '../services/persistence/src/upsert-sql.js';
import { makeItem } from './persistence.js';

const count = Number(process.argv[2] ?? 500);
const database = await createTestDatabase('sluice_explain');
const pool = new pg.Pool({ connectionString: database.url, max: 1 });
let captured: CompiledQuery | undefined;
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    if (event.query.sql.includes('WITH changed')) captured = event.query;
  },
});
const prepare = (from: number, edit = '') =>
  Array.from({ length: count }, (_, i) => {
    const item = makeItem(from + i);
    if (edit) item.normalized!.text = `${edit} ${item.normalized!.text}`;
    const prepared = prepareItem(item as never);
    if (!prepared.ok) throw new Error('bench item invalid');
    return prepared.value;
  });

async function explain(title: string, items: PreparedItem[]): Promise<void> {
  // Capture the statement on a throwaway transaction, then EXPLAIN ANALYZE it (which executes it).
  await db
    .transaction()
    .execute(async (trx) => {
      await writeGroupStatement(trx, items, []);
      throw Object.assign(new Error('rollback'), { rollback: true });
    })
    .catch((error: { rollback?: boolean }) => {
      if (!error.rollback) throw error;
    });
  const query = captured!;
  const result = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.parameters as unknown[]);
  console.log(
    `\n== ${title}: ${items.length} items, ${query.parameters.length} parameters, ${query.sql.length} characters of SQL ==`,
  );
  // Array constants (the ids of ANY(...)) are shortened to their element count.
  const shorten = (line: string) =>
    line.replace(/'\{([^']{200,})\}'/g, (_, body: string) => `'{… ${body.split(',').length} elements}'`);
  for (const row of result.rows as Array<{ 'QUERY PLAN': string }>) console.log(shorten(row['QUERY PLAN']));
}

try {
  await migrateToLatest(db);
  await explain('insert path (new ids)', prepare(0));
  await explain('update path (same ids, changed text)', prepare(0, 'UPDATED:'));
  if (process.argv.includes('--sql')) console.log(`\n${captured!.sql}`);
} finally {
  await db.destroy();
  await database.drop();
}
