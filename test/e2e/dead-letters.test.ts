// Dead letters end to end: persistence (a fresh PostgreSQL database), the transformer and the gateway, each its
// own process (the transformer's downstream is persistence here: the models have their own tests). Items pushed
// through the API are rejected by the database (CHECK constraints stand in for a schema problem an operator
// fixes), listed and shown through the API and the `sluice dead-letters` CLI, replayed after the fix (stored,
// gone from the table) or failing again (new reason, attempts 2), and discarded.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemId } from '@sluice/content';
import { repoRoot } from '@sluice/service-kit';
import { allocateAddresses, createTestDatabase, startStack, type Stack, type TestDatabase } from '@sluice/stack';

const API_KEY = 'dead-letter-e2e-key-0123456789abcdef';
const run = promisify(execFile);

let db: TestDatabase;
let stack: Stack;

async function sqlExec(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function api(method: string, url: string, body?: unknown, key = API_KEY): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack.httpUrl('gateway')}${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The real CLI as a user runs it, pointed at this stack. */
async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'packages/cli/src/main.ts'), 'dead-letters', ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, SLUICE_URL: stack.httpUrl('gateway'), SLUICE_API_KEY: API_KEY },
      timeout: 60_000,
    },
  );
  return stdout.trim();
}

async function metric(service: 'gateway' | 'persistence', name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${stack.opsUrl(service)}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && labels.split(',').every((label) => l.includes(label)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

beforeAll(async () => {
  db = await createTestDatabase('sluice_dead_letters');
  const addresses = await allocateAddresses();
  stack = await startStack({
    services: ['persistence', 'transformer', 'gateway'],
    addresses,
    env: { DATABASE_URL: db.url, SLUICE__LOG__LEVEL: 'warn' },
    serviceEnv: {
      transformer: {
        SLUICE__SERVICES__INFERENCE__GRPC_ADDRESS: addresses.persistence!.grpcAddress,
        SLUICE__TRANSFORMER__WORKER_THREADS: '0',
      },
      gateway: { SLUICE_API_KEY: API_KEY, SLUICE__GATEWAY__PUSH_ACK_WAIT_MILLISECONDS: '30000' },
    },
  });
  await sqlExec(`ALTER TABLE items ADD CONSTRAINT no_poison CHECK (title NOT LIKE 'POISON%')`);
  await sqlExec(`ALTER TABLE items ADD CONSTRAINT no_toxic CHECK (title NOT LIKE 'TOXIC%')`);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await db?.drop();
});

describe('dead letters', () => {
  it('are listed, replayed after the fix (stored, gone) or again (new reason, attempts 2), and discarded', async () => {
    const pushed = await api('POST', '/v1/items', {
      source_id: 'partner',
      items: [
        { external_id: 'fine', title: 'A fine article', content: 'Nothing wrong with this one.' },
        {
          external_id: 'poison',
          title: 'POISON pill',
          content: 'The database rejects this title until the constraint is fixed.',
        },
        { external_id: 'toxic', title: 'TOXIC waste', content: 'The database keeps rejecting this title.' },
      ],
    });
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ status: 'stored', inserted: 1, dead_lettered: 2 });
    const poisonId = itemId('partner', 'poison');
    const toxicId = itemId('partner', 'toxic');

    // Seen through the API and the CLI.
    const listed = await api('GET', '/v1/dead-letters?stage=persistence&reason=write_failed&source=partner');
    expect(listed.status).toBe(200);
    expect(listed.body.dead_letters.map((d: { item_id: string }) => d.item_id).sort()).toEqual(
      [poisonId, toxicId].sort(),
    );
    expect(listed.body.dead_letters.every((d: { attempts: number }) => d.attempts === 1)).toBe(true);
    const poisonRow = listed.body.dead_letters.find((d: { item_id: string }) => d.item_id === poisonId);
    const page = await api('GET', '/v1/dead-letters?limit=1');
    expect(page.body.dead_letters).toHaveLength(1);
    expect((await api('GET', page.body.next)).body.dead_letters).toHaveLength(1);
    const fromCli = JSON.parse(await cli('list', '--reason', 'write_failed', '--json')) as Array<{
      id: number;
      item_id: string;
    }>;
    expect(fromCli.map((d) => d.item_id).sort()).toEqual([poisonId, toxicId].sort());
    const table = await cli('list', '--stage', 'persistence');
    expect(table).toMatch(/write_failed/);
    expect(table.split('\n')).toHaveLength(3);
    const shown = JSON.parse(await cli('show', String(poisonRow.id), '--json'));
    expect(shown).toMatchObject({
      id: poisonRow.id,
      item_id: poisonId,
      stage: 'persistence',
      reason: 'write_failed',
      source_id: 'partner',
      payload: { raw: { title: 'POISON pill' } },
    });
    expect(shown.detail).toContain('no_poison');
    expect((await api('GET', '/v1/dead-letters/999999')).body.code).toBe('dead_letter_not_found');

    // Scopes: a read key lists, but only admin replays or discards.
    const reader = (await api('POST', '/v1/keys', { name: 'viewer', scopes: ['read'] })).body.raw_key as string;
    expect((await api('GET', '/v1/dead-letters', undefined, reader)).status).toBe(200);
    const refused = await api('POST', '/v1/dead-letters/replay', { ids: [poisonRow.id] }, reader);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('insufficient_scope');
    expect((await api('DELETE', `/v1/dead-letters/${poisonRow.id}`, undefined, reader)).status).toBe(403);

    // The fix for one; the other now fails under a new constraint name.
    await sqlExec('ALTER TABLE items DROP CONSTRAINT no_poison');
    await sqlExec('ALTER TABLE items DROP CONSTRAINT no_toxic');
    await sqlExec(`ALTER TABLE items ADD CONSTRAINT no_toxic_titles CHECK (title NOT LIKE 'TOXIC%')`);
    const replay = JSON.parse(await cli('replay', '--reason', 'write_failed', '--source', 'partner', '--json'));
    expect(replay).toMatchObject({ replayed: 2, stored: 1, failed: 1, pending: 0, not_replayable: 0 });
    const failed = replay.results.find((r: { item_id: string }) => r.item_id === toxicId);
    expect(failed).toMatchObject({
      outcome: 'failed',
      dead_letter: { reason: 'write_failed', attempts: 2, replays: 1 },
    });
    expect(failed.dead_letter.detail).toContain('no_toxic_titles');

    // Stored and gone from the table; the other stays with its new reason.
    const stored = await api('GET', `/v1/items/${poisonId}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ title: 'POISON pill', source_id: 'partner' });
    const left = (await api('GET', '/v1/dead-letters')).body.dead_letters;
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ item_id: toxicId, attempts: 2, reason: 'write_failed' });
    expect(left[0].detail).toContain('no_toxic_titles');
    expect((await api('GET', `/v1/dead-letters/${poisonRow.id}`)).status).toBe(404);

    // Replaying again is idempotent: still one row, one more attempt.
    const again = await api('POST', '/v1/dead-letters/replay', { ids: [left[0].id] });
    expect(again.body).toMatchObject({ replayed: 1, failed: 1 });
    expect(again.body.results[0].dead_letter.attempts).toBe(3);

    expect(await metric('gateway', 'sluice_gateway_dead_letter_replays_total', 'outcome="stored"')).toBe(1);
    expect(await metric('gateway', 'sluice_gateway_dead_letter_replays_total', 'outcome="failed"')).toBe(2);
    expect(
      await metric('persistence', 'sluice_persistence_dead_letters_total', 'stage="persistence",reason="write_failed"'),
    ).toBe(4);

    // Discard: a filter must name something; then by filter, and an unknown id is a 404.
    const unfiltered = await api('DELETE', '/v1/dead-letters');
    expect(unfiltered.status).toBe(422);
    expect(await cli('discard', '--source', 'partner', '--stage', 'persistence')).toBe('discarded 1');
    expect((await api('GET', '/v1/dead-letters')).body.dead_letters).toEqual([]);
    expect((await api('DELETE', `/v1/dead-letters/${left[0].id}`)).body.code).toBe('dead_letter_not_found');
  }, 180_000);
});
