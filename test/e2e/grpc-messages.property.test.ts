// Property tests: gRPC requests with absurd values (test/support/hostile-messages.ts: invalid UTF-8, control
// characters, varints past their types, NaN and infinities, empty and enormous repeated fields) sent as raw
// bytes over real gRPC to the real processes (persistence on a fresh PostgreSQL database, inference with the
// built-in models, transformer, scorer, collector). Every call answers OK or a clear client-error status,
// never INTERNAL, UNKNOWN or a hang; every pipeline batch is acknowledged (items stored or dead-lettered, no
// batch failure a sender would retry forever); and afterwards every process still serves normal requests.
// FC_SEED and FC_PATH replay a failure fast-check reported; FUZZ_LOG_DIR keeps each service's log there.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, checkHealth, connect, grpc } from '@sluice/protocol';
import { createTestDatabase, startStack, type Stack, type TestDatabase } from '@sluice/stack';
import { fuzzRuns } from '../support/fuzz-runs.js';
import {
  classifyRequest,
  embedRequest,
  inferRequest,
  itemBatch,
  runSourcesRequest,
  similarityRequest,
} from '../support/hostile-messages.js';
import {
  lengthDelimited as field,
  message,
  varintField,
  rawBidi,
  rawClient,
  rawServerStream,
  rawUnary,
  readLengthDelimited,
  type RawOutcome,
} from '../support/protobuf-wire.js';

/** The client's fault, said clearly (RESOURCE_EXHAUSTED: admission control or a message over the size limit). */
const CLIENT_ERRORS = new Set([
  grpc.status.OK,
  grpc.status.INVALID_ARGUMENT,
  grpc.status.NOT_FOUND,
  grpc.status.OUT_OF_RANGE,
  grpc.status.FAILED_PRECONDITION,
  grpc.status.RESOURCE_EXHAUSTED,
]);
const CALL_TIMEOUT_MS = 60_000;
const STAGES = ['transformer', 'inference', 'scorer', 'persistence'] as const;
const SERVICES = {
  persistence: 'Persistence',
  inference: 'Inference',
  transformer: 'PipelineStage',
  scorer: 'PipelineStage',
  collector: 'Collector',
} as const;

let db: TestDatabase;
let stack: Stack;
const clients = new Map<string, grpc.Client>();
const client = (name: keyof typeof SERVICES) => {
  if (!clients.has(name)) clients.set(name, rawClient(stack.addresses[name]!.grpcAddress));
  return clients.get(name)!;
};

function expectClientOutcome(method: string, request: Uint8Array, outcome: RawOutcome): void {
  expect(
    CLIENT_ERRORS.has(outcome.code),
    `${method} (${request.length} bytes) → ${grpc.status[outcome.code]}: ${outcome.details.slice(0, 300)}`,
  ).toBe(true);
  expect(outcome.details.length).toBeLessThan(4096);
}

/** FC_SEED / FC_PATH replay a failure fast-check reported. */
const replay = () => (process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {});

beforeAll(async () => {
  db = await createTestDatabase('sluice_grpc_fuzz');
  stack = await startStack({
    services: ['persistence', 'inference', 'transformer', 'scorer', 'collector'],
    env: { DATABASE_URL: db.url, SLUICE__LOG__LEVEL: 'warn' },
    logDir: process.env.FUZZ_LOG_DIR,
    serviceEnv: { transformer: { SLUICE__TRANSFORMER__WORKER_THREADS: '0' } },
  });
}, 240_000);

afterAll(async () => {
  for (const c of clients.values()) c.close();
  await stack?.stop();
  await db?.drop();
}, 60_000);

describe('gRPC messages with absurd values, over real gRPC to real processes', () => {
  it('Inference answers Embed, Classify and Similarity with OK or a client-error status', async () => {
    const unary = fc.oneof(
      embedRequest.map((body) => ['Embed', body] as const),
      classifyRequest.map((body) => ['Classify', body] as const),
      similarityRequest.map((body) => ['Similarity', body] as const),
    );
    await fc.assert(
      fc.asyncProperty(unary, async ([method, body]) => {
        expectClientOutcome(
          method,
          body,
          await rawUnary(client('inference'), `/sluice.v1.Inference/${method}`, body, CALL_TIMEOUT_MS),
        );
      }),
      { numRuns: fuzzRuns(60), endOnFailure: true, ...replay() },
    );
  }, 600_000);

  it('Inference answers every request on an Infer stream, and the stream ends cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(inferRequest, { minLength: 1, maxLength: 4 }), async (bodies) => {
        const outcome = await rawBidi(
          client('inference'),
          '/sluice.v1.Inference/Infer',
          bodies,
          bodies.length,
          CALL_TIMEOUT_MS,
        );
        expectClientOutcome('Infer', bodies[0]!, outcome);
        if (outcome.code === grpc.status.OK) expect(outcome.responses).toBe(bodies.length);
      }),
      { numRuns: fuzzRuns(20), endOnFailure: true, ...replay() },
    );
  }, 600_000);

  it('Collector answers RunSources and ListSources with OK or a client-error status', async () => {
    await fc.assert(
      fc.asyncProperty(runSourcesRequest, async (body) => {
        expectClientOutcome(
          'RunSources',
          body,
          await rawServerStream(client('collector'), '/sluice.v1.Collector/RunSources', body, CALL_TIMEOUT_MS),
        );
      }),
      { numRuns: fuzzRuns(30), endOnFailure: true, ...replay() },
    );
    const listed = await rawUnary(
      client('collector'),
      '/sluice.v1.Collector/ListSources',
      new Uint8Array(),
      CALL_TIMEOUT_MS,
    );
    expect(listed.code).toBe(grpc.status.OK);
  }, 600_000);

  for (const stage of STAGES) {
    it(`${stage}'s PipelineStage.Process acknowledges every absurd batch (stored or dead-lettered, never failed)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(itemBatch, { minLength: 1, maxLength: 3 }), async (batches) => {
          const errors: string[] = [];
          const outcome = await rawBidi(
            client(stage),
            '/sluice.v1.PipelineStage/Process',
            batches,
            batches.length,
            CALL_TIMEOUT_MS,
            (ack) => {
              const error = readLengthDelimited(ack, 7);
              if (error && error.length > 0) errors.push(Buffer.from(error).toString('utf8'));
            },
          );
          // A batch that does not decode ends the stream with INVALID_ARGUMENT (malformed_request); every other
          // batch is acknowledged.
          if (outcome.code === grpc.status.INVALID_ARGUMENT) expect(outcome.details).toMatch(/^malformed_request/);
          else {
            expect(outcome.code, `${grpc.status[outcome.code]}: ${outcome.details}`).toBe(grpc.status.OK);
            expect(outcome.responses).toBe(batches.length);
          }
          expect(errors).toEqual([]);
        }),
        { numRuns: fuzzRuns(8), endOnFailure: true, ...replay() },
      );
    }, 600_000);
  }

  it('answers a request that does not decode with INVALID_ARGUMENT, not INTERNAL (a 6-byte varint in an int32)', async () => {
    // TextInput.priority = 2^35: legal on the wire, but protobufjs reads int32 varints as 5 or 10 bytes.
    const body = message(field(2, message(field(2, Buffer.from('hello')), varintField(4, 2n ** 35n))));
    const outcome = await rawUnary(client('inference'), '/sluice.v1.Inference/Embed', body, CALL_TIMEOUT_MS);
    expect(outcome.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(outcome.details).toMatch(/^malformed_request: /);
  });

  it('answers NOT_FOUND at once for a source id of invalid UTF-8 (echoed as a lone surrogate, the status never went out)', async () => {
    const body = message(field(1, Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62])), varintField(2, 1n));
    const started = performance.now();
    const outcome = await rawServerStream(
      client('collector'),
      '/sluice.v1.Collector/RunSources',
      body,
      CALL_TIMEOUT_MS,
    );
    expect(outcome.code).toBe(grpc.status.NOT_FOUND);
    expect(outcome.details).toMatch(/^unknown source\(s\): a\uFFFD/);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('afterwards every process still serves, and a normal request works', async () => {
    for (const [name, service] of Object.entries(SERVICES)) {
      const address = stack.addresses[name]!.grpcAddress;
      expect(await checkHealth(address, `sluice.v1.${service}`), name).toBe('SERVING');
      const child = stack.processes.get(name as keyof typeof SERVICES)!.child;
      expect(
        child.exitCode,
        `${name} exited: ${stack.processes.get(name as keyof typeof SERVICES)!.tail()}`,
      ).toBeNull();
    }
    const inference = connect('Inference', stack.addresses.inference!.grpcAddress);
    try {
      const response = await call(
        inference,
        'Embed',
        { inputs: [{ text: 'a normal sentence about the stock market' }] },
        30_000,
      );
      expect(response.results[0]!.error).toBe('');
      expect(response.results[0]!.values.length).toBe(100);
    } finally {
      inference.close();
    }
  }, 120_000);
});
