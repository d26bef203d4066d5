// The database connection of a query in flight goes away: terminated by the server (pg_terminate_backend) or
// dropped without a word (a PostgreSQL crash or restart, a network cut; here a TCP proxy in front of the
// real server closes its sockets). The query fails, the process does not crash, and the next query works on a
// new connection.
import net from 'node:net';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sluice/stack';
import { openDatabase, type DatabaseHandle } from '../src/database.js';

let target: TestDatabase;
let proxy: net.Server;
const sockets = new Set<net.Socket>();
let proxyUrl: string;

beforeAll(async () => {
  target = await createTestDatabase('sluice_connloss');
  const upstream = new URL(target.url);
  proxy = net.createServer((client) => {
    const server = net.connect(Number(upstream.port || 5432), upstream.hostname);
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = new URL(target.url);
  url.host = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
  proxyUrl = url.toString();
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => proxy?.close(resolve));
  await target?.drop();
});

async function withUncaughtWatch(body: (uncaught: unknown[]) => Promise<void>): Promise<void> {
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    await body(uncaught);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
}

async function sleepingBackends(admin: pg.Client): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'SELECT pg_sleep%' AND state = 'active'",
    [target.name],
  );
  return Number(rows[0]!.n);
}

describe('persistence database pool', () => {
  it.each(['terminated by the server', 'dropped without a word'] as const)(
    'survives the connection of a running query being %s',
    async (how) => {
      const handle: DatabaseHandle = await openDatabase({ url: proxyUrl, poolSize: 2 });
      const admin = new pg.Client({ connectionString: target.url });
      await admin.connect();
      try {
        await withUncaughtWatch(async (uncaught) => {
          const running = sql`SELECT pg_sleep(30)`.execute(handle.db);
          running.catch(() => undefined);
          for (let attempt = 0; attempt < 100 && (await sleepingBackends(admin)) === 0; attempt += 1)
            await new Promise((resolve) => setTimeout(resolve, 50));
          expect(await sleepingBackends(admin)).toBe(1);
          if (how === 'terminated by the server') {
            await admin.query(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()",
              [target.name],
            );
          } else {
            for (const socket of sockets) socket.destroy();
          }
          await expect(running).rejects.toThrow(/terminat|connection/i);
          await new Promise((resolve) => setTimeout(resolve, 200));
          expect(uncaught).toEqual([]);
          const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db);
          expect(after.rows[0]!.one).toBe(1);
        });
      } finally {
        await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()",
          [target.name],
        );
        await admin.end();
        await handle.close();
      }
    },
  );
});
