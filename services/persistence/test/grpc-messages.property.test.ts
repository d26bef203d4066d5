// Property tests: the persistence service's gRPC API with absurd field values (any UTF-16 and NUL in strings,
// SQL-looking strings, int32/int64 at and past their limits, NaN and infinities, unknown enum values, garbage
// cursors), over real gRPC against both real databases. Every call answers OK or a clear client-error status,
// never INTERNAL or UNKNOWN; SQL-looking strings are data (parameterized SQL), so the stored rows survive.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STATUS_DETAILS, grpc } from '@sluice/protocol';
import { fuzzRuns } from '../../../test/support/fuzz-runs.js';
import { SQL_LOOKING, hostileNumber, hostileString } from '../../../test/support/hostile-values.js';
import {
  DATABASE_KINDS,
  call,
  createTarget,
  makeItem,
  startPersistence,
  type RunningPersistence,
  type TestTarget,
} from './helpers.js';

/** What a server may answer to a request it cannot serve: the client's fault, said clearly. */
const CLIENT_ERRORS = new Set([
  grpc.status.INVALID_ARGUMENT,
  grpc.status.NOT_FOUND,
  grpc.status.OUT_OF_RANGE,
  grpc.status.FAILED_PRECONDITION,
  grpc.status.ALREADY_EXISTS,
]);

const int32 = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)),
);
/** int64 as protobufjs takes it: a decimal string, up to the type's limits. */
const int64 = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
  fc.constantFrom('9223372036854775807', '-9223372036854775808', '0', '-1'),
);
const strings = fc.array(hostileString, { maxLength: 4 });

const listFilters = fc.record({
  source_ids: strings,
  label: hostileString,
  sentiment: hostileString,
  language: hostileString,
  min_score: hostileNumber,
  has_min_score: fc.boolean(),
  since_ms: int64,
  until_ms: int64,
  text: hostileString,
  sort: fc.integer({ min: -5, max: 50 }),
  cursor: fc.oneof(hostileString, fc.base64String({ maxLength: 200 })),
  limit: int32,
  include_embedding: fc.boolean(),
  include_text: fc.boolean(),
});

type Call = { service: 'persistence' | 'admin'; method: string; request: object };
const calls: fc.Arbitrary<Call> = fc.oneof(
  listFilters.map((request) => ({ service: 'persistence' as const, method: 'ListItems', request })),
  fc.record({ id: hostileString }).map((request) => ({ service: 'persistence' as const, method: 'GetItem', request })),
  fc
    .record({
      query_embedding: fc.array(hostileNumber, { maxLength: 8 }),
      embedding_model: hostileString,
      limit: int32,
      filters: listFilters,
    })
    .map((request) => ({ service: 'persistence' as const, method: 'SearchItems', request })),
  fc
    .record({ source_ids: strings })
    .map((request) => ({ service: 'persistence' as const, method: 'CountItems', request })),
  fc
    .record({ source_ids: strings })
    .map((request) => ({ service: 'persistence' as const, method: 'GetSourceState', request })),
  fc
    .record({ source_id: hostileString, limit: int32 })
    .map((request) => ({ service: 'persistence' as const, method: 'ListSourceErrors', request })),
  fc
    .record({
      definition: fc.record({
        id: hostileString,
        kind: hostileString,
        config_json: fc.oneof(hostileString, fc.json()),
        enabled: fc.boolean(),
        priority: int32,
        interval_seconds: int32,
      }),
    })
    .map((request) => ({ service: 'admin' as const, method: 'UpsertSourceDefinition', request })),
  fc
    .record({ name: hostileString, scopes: strings, rate_limit_per_minute: int32 })
    .map((request) => ({ service: 'admin' as const, method: 'CreateApiKey', request })),
  fc
    .record({ raw_key: hostileString, key_hash: hostileString })
    .map((request) => ({ service: 'admin' as const, method: 'VerifyApiKey', request })),
  fc.record({ id: hostileString }).map((request) => ({ service: 'admin' as const, method: 'GetJob', request })),
  fc
    .record({ status: hostileString, kind: hostileString, limit: int32, cursor: hostileString })
    .map((request) => ({ service: 'admin' as const, method: 'ListJobs', request })),
);

for (const kind of DATABASE_KINDS) {
  describe(`persistence gRPC on ${kind}`, () => {
    let target: TestTarget;
    let service: RunningPersistence;
    const SEEDED = 6;

    beforeAll(async () => {
      target = await createTarget(kind);
      service = await startPersistence(target);
      const sender = service.sender();
      await sender.send({
        items: Array.from({ length: SEEDED }, (_, n) => makeItem(n, { sourceId: 'seeded' })),
        dead_letters: [],
      });
      await sender.close();
    });
    afterAll(async () => {
      await service?.stop();
      await target?.cleanup();
    });

    it('answers absurd messages with OK or a client-error status, never INTERNAL or UNKNOWN', async () => {
      await fc.assert(
        fc.asyncProperty(calls, async ({ service: which, method, request }) => {
          const client = which === 'admin' ? service.adminClient : service.persistenceClient;
          try {
            await call(client, method, request);
          } catch (raw) {
            const error = raw as grpc.ServiceError;
            expect(
              CLIENT_ERRORS.has(error.code),
              `${method} ${JSON.stringify(request).slice(0, 300)} → ${grpc.status[error.code]}: ${error.details}`,
            ).toBe(true);
          }
        }),
        { numRuns: fuzzRuns(150), endOnFailure: true },
      );
    });

    it('bounds error details that echo a huge input (a 100 kB trailer never arrives: the caller hung until its deadline)', async () => {
      const started = performance.now();
      const error = await call(service.adminClient, 'CreateApiKey', { name: 'm', scopes: ['%00'.repeat(40_000)] }).then(
        () => undefined,
        (e: grpc.ServiceError) => e,
      );
      expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(error!.details.length).toBeLessThanOrEqual(MAX_STATUS_DETAILS + 50);
      expect(performance.now() - started).toBeLessThan(5000);
    });

    it('answers a 100 MB field with a client error in seconds, and keeps serving', async () => {
      const huge = 'x'.repeat(100 * 1024 * 1024);
      for (const [method, request] of [['ListItems', { text: huge }]] as const) {
        const started = performance.now();
        const error = await call(service.persistenceClient, method, request).then(
          () => undefined,
          (e: grpc.ServiceError) => e,
        );
        expect(error?.code, method).toBe(grpc.status.INVALID_ARGUMENT);
        expect(performance.now() - started, method).toBeLessThan(15_000);
      }
      const counted = await call<object, { items: number | string }>(service.persistenceClient, 'CountItems', {
        source_ids: ['seeded'],
      });
      expect(Number(counted.items)).toBe(SEEDED);
    });

    it('treats SQL-looking strings as data in every filter: nothing runs, the stored items stay', async () => {
      for (const evil of SQL_LOOKING) {
        const listed = await call<object, { items: unknown[] }>(service.persistenceClient, 'ListItems', {
          source_ids: [evil],
          text: evil,
          label: evil,
          language: evil,
          limit: 10,
        });
        expect(listed.items).toEqual([]);
        await call(service.persistenceClient, 'GetItem', { id: evil }).catch((error: grpc.ServiceError) =>
          expect(CLIENT_ERRORS.has(error.code)).toBe(true),
        );
        await call(service.adminClient, 'VerifyApiKey', { raw_key: evil });
      }
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM items WHERE source_id = 'seeded'`.execute(service.persistence.database.db);
      expect(rows[0]!.n).toBe(SEEDED);
      const counted = await call<object, { items: number | string }>(service.persistenceClient, 'CountItems', {
        source_ids: ['seeded'],
      });
      expect(Number(counted.items)).toBe(SEEDED);
    });
  });
}
