// The PersistenceAdmin service over real gRPC on both databases: API keys, jobs, source definitions.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { ApiKey__Output, Job__Output, SourceDefinition__Output } from '@sluice/protocol';
import { grpc } from '@sluice/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASE_KINDS,
  call,
  createTarget,
  startPersistence,
  type RunningPersistence,
  type TestTarget,
} from './helpers.js';

for (const kind of DATABASE_KINDS) {
  describe(`admin on ${kind}`, () => {
    let target: TestTarget;
    let service: RunningPersistence;
    beforeAll(async () => {
      target = await createTarget(kind);
      service = await startPersistence(target);
    });
    afterAll(async () => {
      await service?.stop();
      await target?.cleanup();
    });
    const admin = <T>(method: string, request: object) => call<object, T>(service.adminClient, method, request);

    it('creates API keys stored only as hashes, verifies, lists and revokes them', async () => {
      const created = await admin<{ key: ApiKey__Output; raw_key: string }>('CreateApiKey', {
        name: 'ci',
        scopes: ['read', 'write'],
        rate_limit_per_minute: 120,
      });
      expect(created.raw_key).toMatch(/^slk_[A-Za-z0-9_-]{43}$/);
      expect(created.key).toMatchObject({
        name: 'ci',
        scopes: ['read', 'write'],
        rate_limit_per_minute: 120,
        revoked: false,
        prefix: created.raw_key.slice(0, 12),
      });
      const hash = createHash('sha256').update(created.raw_key).digest('hex');
      expect(created.key.key_hash).toBe(hash);
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM api_keys WHERE key_hash = ${hash}`.execute(service.persistence.database.db);
      expect(rows[0]!.n).toBe(1);
      const raw = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM api_keys WHERE key_hash = ${created.raw_key} OR prefix = ${created.raw_key}`.execute(
        service.persistence.database.db,
      );
      expect(raw.rows[0]!.n).toBe(0);

      const byRaw = await admin<{ found: boolean; key: ApiKey__Output }>('VerifyApiKey', { raw_key: created.raw_key });
      expect(byRaw).toMatchObject({ found: true, key: { id: created.key.id, scopes: ['read', 'write'] } });
      const byHash = await admin<{ found: boolean }>('VerifyApiKey', { key_hash: hash });
      expect(byHash.found).toBe(true);
      expect((await admin<{ found: boolean }>('VerifyApiKey', { raw_key: 'slk_wrong' })).found).toBe(false);

      const bootstrap = 'x'.repeat(40);
      const first = await admin<{ key: ApiKey__Output }>('CreateApiKey', {
        name: 'boot',
        scopes: ['admin'],
        raw_key: bootstrap,
      });
      const second = await admin<{ key: ApiKey__Output }>('CreateApiKey', {
        name: 'boot',
        scopes: ['admin'],
        raw_key: bootstrap,
      });
      expect(second.key.id).toBe(first.key.id);

      const revoked = await admin<{ found: boolean; key: ApiKey__Output }>('RevokeApiKey', { id: created.key.id });
      expect(revoked.key.revoked).toBe(true);
      expect((await admin<{ key: ApiKey__Output }>('VerifyApiKey', { raw_key: created.raw_key })).key.revoked).toBe(
        true,
      );
      expect((await admin<{ keys: ApiKey__Output[] }>('ListApiKeys', {})).keys.map((k) => k.name)).toEqual(['boot']);
      expect((await admin<{ keys: ApiKey__Output[] }>('ListApiKeys', { include_revoked: true })).keys).toHaveLength(2);
      expect((await admin<{ found: boolean }>('RevokeApiKey', { id: 'missing' })).found).toBe(false);

      await expect(admin('CreateApiKey', { name: 'x', scopes: ['root'] })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
      await expect(admin('CreateApiKey', { name: '', scopes: ['read'] })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
      await expect(admin('CreateApiKey', { name: 'x', scopes: ['read'], raw_key: 'short' })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
    });

    it('tracks jobs: create, progress, cancel, list with pagination', async () => {
      const { job } = await admin<{ job: Job__Output }>('CreateJob', {
        kind: 'collect',
        params_json: '{"source_ids":["hn"]}',
      });
      expect(job).toMatchObject({
        kind: 'collect',
        status: 'queued',
        params_json: '{"source_ids":["hn"]}',
        cancel_requested: false,
      });
      const running = await admin<{ job: Job__Output }>('UpdateJobProgress', {
        id: job.id,
        status: 'running',
        counts: { collected: 10 },
        message: 'fetching',
      });
      expect(running.job).toMatchObject({ status: 'running', counts: { collected: 10 }, message: 'fetching' });
      expect(running.job.started_at_ms).toBeGreaterThan(0);
      const more = await admin<{ job: Job__Output }>('UpdateJobProgress', {
        id: job.id,
        counts: { stored: 7 },
        errors: [{ code: 'parse', message: 'bad xml', subject: 'hn' }],
      });
      expect(more.job.counts).toEqual({ collected: 10, stored: 7 });
      expect(more.job.errors).toHaveLength(1);

      const cancelled = await admin<{ job: Job__Output }>('CancelJob', { id: job.id });
      expect(cancelled.job).toMatchObject({ status: 'running', cancel_requested: true });
      const done = await admin<{ job: Job__Output }>('UpdateJobProgress', { id: job.id, status: 'cancelled' });
      expect(done.job.status).toBe('cancelled');
      expect(done.job.finished_at_ms).toBeGreaterThan(0);
      // Terminal: a late worker update keeps the status, so the worker learns the job is over.
      const late = await admin<{ job: Job__Output }>('UpdateJobProgress', {
        id: job.id,
        status: 'running',
        counts: { stored: 8 },
      });
      expect(late.job.status).toBe('cancelled');

      const queued = await admin<{ job: Job__Output }>('CreateJob', {
        kind: 'import',
        params_json: '{"path":"a.jsonl"}',
      });
      expect((await admin<{ job: Job__Output }>('CancelJob', { id: queued.job.id })).job.status).toBe('cancelled');
      for (let i = 0; i < 5; i++) await admin('CreateJob', { kind: 'import', params_json: `{"n":${i}}` });
      const seen: string[] = [];
      let cursor = '';
      do {
        const page = await admin<{ jobs: Job__Output[]; next_cursor: string }>('ListJobs', { limit: 3, cursor });
        seen.push(...page.jobs.map((j) => j.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      expect((await admin<{ jobs: Job__Output[] }>('ListJobs', { status: 'cancelled' })).jobs).toHaveLength(2);
      expect((await admin<{ found: boolean }>('GetJob', { id: job.id })).found).toBe(true);
      expect((await admin<{ found: boolean }>('GetJob', { id: 'nope' })).found).toBe(false);

      await expect(admin('CreateJob', { kind: 'explode', params_json: '{}' })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
      await expect(admin('CreateJob', { kind: 'collect', params_json: '[1' })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
      await expect(admin('UpdateJobProgress', { id: 'nope', status: 'running' })).rejects.toMatchObject({
        code: grpc.status.NOT_FOUND,
      });
      await expect(admin('UpdateJobProgress', { id: job.id, status: 'paused' })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
    });

    it('ends jobs whose worker stopped reporting: failed as abandoned, or cancelled when asked; live and finished jobs stay', async () => {
      const create = async (status: string) => {
        const { job } = await admin<{ job: Job__Output }>('CreateJob', { kind: 'import', params_json: '{}' });
        if (status !== 'queued') await admin('UpdateJobProgress', { id: job.id, status, counts: { lines: 5 } });
        return job.id;
      };
      const [crashed, crashedCancelled, neverStarted, live, finished] = [
        await create('running'),
        await create('running'),
        await create('queued'),
        await create('running'),
        await create('succeeded'),
      ];
      await admin('CancelJob', { id: crashedCancelled });
      // The crashed gateway's jobs (and a finished one) were last updated ten minutes ago.
      const old = new Date(Date.now() - 600_000);
      await sql`UPDATE jobs SET updated_at = ${old} WHERE id IN (${crashed}, ${crashedCancelled}, ${neverStarted}, ${finished})`.execute(
        service.persistence.database.db,
      );

      const [first, second] = await Promise.all([
        admin<{ jobs: Job__Output[] }>('EndStaleJobs', { stale_after_ms: 60_000 }),
        admin<{ jobs: Job__Output[] }>('EndStaleJobs', { stale_after_ms: 60_000 }),
      ]);
      const ended = [...first.jobs, ...second.jobs];
      expect(ended.map((j) => j.id).sort()).toEqual([crashed, crashedCancelled, neverStarted].sort());
      const get = async (id: string) => (await admin<{ job: Job__Output }>('GetJob', { id })).job;
      const crashedJob = await get(crashed);
      expect(crashedJob).toMatchObject({ status: 'failed', counts: { lines: 5 } });
      expect(crashedJob.message).toMatch(/^abandoned: .*60 s/);
      expect(crashedJob.errors.at(-1)).toMatchObject({ code: 'abandoned' });
      expect(crashedJob.finished_at_ms).toBeGreaterThan(old.getTime());
      expect((await get(crashedCancelled)).status).toBe('cancelled');
      expect((await get(neverStarted)).status).toBe('failed');
      expect((await get(live)).status).toBe('running');
      expect((await get(finished)).status).toBe('succeeded');
      // A late update from the cut-off worker cannot revive it.
      expect(
        (await admin<{ job: Job__Output }>('UpdateJobProgress', { id: crashed, status: 'running' })).job.status,
      ).toBe('failed');
      await expect(admin('EndStaleJobs', { stale_after_ms: 10 })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
    });

    it('manages source definitions', async () => {
      const definition = {
        id: 'hn-front',
        kind: 'hacker_news',
        config_json: '{"list":"top"}',
        enabled: true,
        priority: 7,
        interval_seconds: 120,
      };
      const created = await admin<{ definition: SourceDefinition__Output; created: boolean }>(
        'UpsertSourceDefinition',
        { definition },
      );
      expect(created.created).toBe(true);
      expect(created.definition).toMatchObject(definition);
      const updated = await admin<{ definition: SourceDefinition__Output; created: boolean }>(
        'UpsertSourceDefinition',
        { definition: { ...definition, enabled: false } },
      );
      expect(updated.created).toBe(false);
      expect(updated.definition.enabled).toBe(false);
      await admin('UpsertSourceDefinition', {
        definition: {
          id: 'blog',
          kind: 'rss',
          config_json: '{"url":"https://example.test/feed"}',
          enabled: true,
          priority: 5,
        },
      });
      expect(
        (await admin<{ definitions: SourceDefinition__Output[] }>('ListSourceDefinitions', {})).definitions.map(
          (d) => d.id,
        ),
      ).toEqual(['blog', 'hn-front']);
      expect(
        (
          await admin<{ definitions: SourceDefinition__Output[] }>('ListSourceDefinitions', { enabled_only: true })
        ).definitions.map((d) => d.id),
      ).toEqual(['blog']);
      expect((await admin<{ deleted: boolean }>('DeleteSourceDefinition', { id: 'blog' })).deleted).toBe(true);
      expect((await admin<{ deleted: boolean }>('DeleteSourceDefinition', { id: 'blog' })).deleted).toBe(false);
      await expect(
        admin('UpsertSourceDefinition', { definition: { ...definition, id: 'Bad Id' } }),
      ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
      await expect(
        admin('UpsertSourceDefinition', { definition: { ...definition, config_json: 'nope' } }),
      ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
      await expect(
        admin('UpsertSourceDefinition', { definition: { ...definition, priority: 12 } }),
      ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    });
  });
}
