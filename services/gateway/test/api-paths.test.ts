// Path traversal through the API, in every path-taking field: import jobs (POST /v1/jobs) and file sources
// (PUT /v1/sources/{id}: jsonl, csv, opml). Also what only config/sluice.yaml may say in a source definition
// (allow_private_network, secrets from arbitrary environment variables). Refusals are 422 problem+json naming
// the field, and never reach persistence.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, deadlineIn, PipelineSender, sluiceProto, waitForReady, type GrpcServer } from '@sluice/protocol';
import { createMetricsRegistry } from '@sluice/service-kit';
import { HOSTILE_PATHS } from '../../../test/support/hostile-paths.js';
import { buildApp } from '../src/app.js';
import { Authenticator } from '../src/auth.js';
import { JobRunner } from '../src/jobs/job-runner.js';
import { PushChannel } from '../src/push-channel.js';
import { PushItemSchema } from '../src/schemas.js';
import { UpstreamCaller } from '../src/upstream-caller.js';
import { createValidators } from '../src/validation.js';
import { KEYS, auth, logger, startPersistenceStandIn, startSink, testSettings } from './helpers.js';

let base: string;
let imports: string;
let persistence: GrpcServer;
let sink: GrpcServer;
let app: Awaited<ReturnType<typeof buildApp>>;
let close: () => Promise<void>;
const calls = { CreateJob: 0, UpsertSourceDefinition: [] as Array<{ definition: { config_json: string } }> };

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'sluice-api-paths-'));
  imports = path.join(base, 'imports');
  mkdirSync(imports);
  writeFileSync(path.join(base, 'outside.jsonl'), '{"title":"secret"}\n');
  writeFileSync(path.join(imports, 'inside.jsonl'), '{"title":"fine"}\n');
  symlinkSync(path.join(base, 'outside.jsonl'), path.join(imports, 'link-out.jsonl'));
  const job = (id: string, status: string) => ({
    id,
    kind: 'import',
    status,
    params_json: '{}',
    counts: {},
    errors: [],
    created_at_ms: Date.now(),
    updated_at_ms: Date.now(),
  });
  persistence = await startPersistenceStandIn(
    {},
    {
      CreateJob: () => {
        calls.CreateJob += 1;
        return { job: job(`job-${calls.CreateJob}`, 'queued') };
      },
      UpdateJobProgress: (request: { id: string; status: string }) => ({
        job: job(request.id, request.status || 'running'),
      }),
      UpsertSourceDefinition: (request: { definition: { id: string; kind: string; config_json: string } }) => {
        calls.UpsertSourceDefinition.push(request);
        return {
          created: true,
          definition: {
            ...request.definition,
            enabled: true,
            priority: 5,
            interval_seconds: 900,
            updated_at_ms: Date.now(),
          },
        };
      },
    },
  );
  sink = await startSink(async (batch) => ({
    batch_id: batch.batch_id,
    item_ids: batch.items.map((i) => i.raw!.id),
    inserted: batch.items.length,
  }));
  const proto = sluiceProto();
  const address = `127.0.0.1:${persistence.port}`;
  const client = connect('Persistence', address);
  const admin = connect('PersistenceAdmin', address);
  await waitForReady(client, 5000);
  const downstream = connect('PipelineStage', `127.0.0.1:${sink.port}`);
  const settings = testSettings({ import_directories: [imports] });
  const sender = new PipelineSender({
    connect: () => downstream.Process({ deadline: deadlineIn(60_000) }),
    maxInFlightItems: 100,
  });
  const push = new PushChannel(sender, 100);
  const registry = createMetricsRegistry('gateway');
  const jobs = new JobRunner({
    admin,
    push,
    caller: new UpstreamCaller(registry, 2000),
    logger,
    importDirectories: settings.import_directories,
    importBatchSize: 10,
    importMaxInFlightBatches: 2,
    jobTimeoutSeconds: 10,
    progressIntervalMs: 50,
    heartbeatMs: 10_000,
    staleAfterMs: 60_000,
    validateItem: createValidators([]).compileExact(PushItemSchema),
  });
  app = await buildApp({
    settings,
    logger,
    registry,
    authenticator: new Authenticator({ bootstrapKey: KEYS.admin }),
    upstreams: { persistence: client, admin },
    push,
    jobs,
    readiness: async () => ({ ready: true, detail: {} }),
  });
  close = async () => {
    await jobs.stopAll();
    await app.close();
    sender.abort();
    for (const c of [client, admin, downstream]) (c as unknown as { close(): void }).close();
  };
});

afterAll(async () => {
  await close?.();
  await persistence?.shutdown(0);
  await sink?.shutdown(0);
  rmSync(base, { recursive: true, force: true });
});

function expect422(response: { statusCode: number; headers: Record<string, unknown>; body: string }, pointer: string) {
  expect(response.statusCode, response.body).toBe(422);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(response.body);
  expect(problem).toMatchObject({ code: 'invalid_parameter', type: 'urn:sluice:problem:invalid_parameter' });
  expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  return problem;
}

describe('POST /v1/jobs {"kind":"import"}', () => {
  it('refuses every hostile path, an absolute path inside the folder and a symbolic link out, before recording a job', async () => {
    const before = calls.CreateJob;
    for (const hostile of [...HOSTILE_PATHS, path.join(imports, 'inside.jsonl'), 'link-out.jsonl']) {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/jobs',
        headers: auth(KEYS.admin),
        payload: { kind: 'import', path: hostile },
      });
      expect422(response, '/body/path');
      expect(response.body).not.toContain('secret');
    }
    expect(calls.CreateJob).toBe(before);
  });

  it('starts an import of a file inside the folder', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: auth(KEYS.admin),
      payload: { kind: 'import', path: 'inside.jsonl' },
    });
    expect(response.statusCode, response.body).toBe(202);
    expect(calls.CreateJob).toBeGreaterThan(0);
  });
});

describe('PUT /v1/sources/{id}', () => {
  const put = (id: string, body: object) =>
    app.inject({ method: 'PUT', url: `/v1/sources/${id}`, headers: auth(KEYS.admin), payload: body });

  it('refuses every hostile path in jsonl, csv and opml sources without storing the definition', async () => {
    const before = calls.UpsertSourceDefinition.length;
    for (const kind of ['jsonl', 'csv', 'opml']) {
      for (const hostile of HOSTILE_PATHS) {
        const problem = expect422(await put(`${kind}-src`, { kind, config: { path: hostile } }), '/body/config/path');
        expect(problem.detail).toContain('collector.import_directories');
      }
    }
    expect(calls.UpsertSourceDefinition.length).toBe(before);
  });

  it('refuses allow_private_network (either value) and secrets from other than SLUICE_SOURCE_* variables', async () => {
    const before = calls.UpsertSourceDefinition.length;
    for (const value of [true, false]) {
      const problem = expect422(
        await put('private', { kind: 'rss', config: { url: 'http://10.0.0.5/feed', allow_private_network: value } }),
        '/body/config/allow_private_network',
      );
      expect(problem.detail).toContain('private_network_allowlist');
    }
    expect422(
      await put('gh', {
        kind: 'github',
        config: { repo: 'a/b', base_url: 'https://attacker.example', token_env: 'DATABASE_URL' },
      }),
      '/body/config/token_env',
    );
    expect422(
      await put('api', {
        kind: 'http_json',
        config: { url: 'https://attacker.example', auth: { env: 'SLUICE_API_KEY' } },
      }),
      '/body/config/auth/env',
    );
    expect(calls.UpsertSourceDefinition.length).toBe(before);
  });

  it('stores a definition with a relative path and a SLUICE_SOURCE_* secret', async () => {
    expect((await put('list', { kind: 'opml', config: { path: 'feeds/list.opml' } })).statusCode).toBe(201);
    expect(
      (await put('gh-ok', { kind: 'github', config: { repo: 'a/b', token_env: 'SLUICE_SOURCE_GITHUB' } })).statusCode,
    ).toBe(201);
    expect(JSON.parse(calls.UpsertSourceDefinition.at(-2)!.definition.config_json)).toEqual({
      path: 'feeds/list.opml',
    });
  });
});
