// Deadlines, cancellation, admission control, the result cache and start-up limit errors, on the real
// models through InferenceCore.
import { createLogger, repoRoot } from '@sluice/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toServiceError } from '../src/errors.js';
import { InferenceCore } from '../src/inference-core.js';
import { inferenceSettingsSchema } from '../src/settings.js';
import { grpc } from '@sluice/protocol';

const logger = createLogger('test', 'silent');
let core: InferenceCore;
const batchSizes: number[] = [];

beforeAll(async () => {
  const settings = inferenceSettingsSchema.parse({
    classifier_models: ['sluice-sentiment-afinn'],
    max_queue_delay_milliseconds: 150,
    dispatch_partial_when_idle: false,
    max_in_flight_inputs: 8,
  });
  core = new InferenceCore({ settings, repoRoot, logger, onBatch: (_model, info) => batchSizes.push(info.size) });
  await core.start();
});
afterAll(() => core?.close());

describe('request control', () => {
  it('answers an input whose deadline passes in the queue with expired, without computing it', async () => {
    batchSizes.length = 0;
    const { outcomes } = await core.embed('', [{ text: 'too late for this one' }], {
      deadline: performance.now() + 40,
    });
    expect('error' in outcomes[0]! && outcomes[0].error.code).toBe('expired');
    expect(batchSizes).toEqual([]);
  });

  it('drops the inputs of a caller that went away before compute', async () => {
    batchSizes.length = 0;
    const abort = new AbortController();
    const pending = core.embed('', [{ text: 'nobody waits for me' }, { text: 'nor for me' }], { signal: abort.signal });
    setTimeout(() => abort.abort(), 20);
    const { outcomes } = await pending;
    expect(outcomes.map((o) => 'error' in o && o.error.code)).toEqual(['cancelled', 'cancelled']);
    expect(batchSizes).toEqual([]);
  });

  it('rejects beyond max_in_flight_inputs with RESOURCE_EXHAUSTED and a retry hint, and serves the rest', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => core.embed('', [{ text: `request ${i}` }])),
    );
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(8);
    expect(rejected).toHaveLength(4);
    const status = toServiceError((rejected[0] as PromiseRejectedResult).reason);
    expect(status.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(Number(status.metadata!.get('retry-after-ms')[0])).toBeGreaterThan(0);
    // Internal callers (the pipeline stage) wait for capacity instead.
    const waited = await Promise.all(
      Array.from({ length: 12 }, (_, i) => core.embed('', [{ text: `waiting ${i}` }], { waitForAdmission: true })),
    );
    expect(waited.every((w) => !('error' in w.outcomes[0]!))).toBe(true);
  });

  it('serves a repeated input from the result cache', async () => {
    const first = await core.embed('', [{ text: 'cache me if you can', content_hash: 'abc' }]);
    batchSizes.length = 0;
    const second = await core.embed('', [{ text: 'cache me if you can', content_hash: 'abc' }]);
    const [a, b] = [first.outcomes[0]!, second.outcomes[0]!];
    if ('error' in a || 'error' in b) throw new Error('embedding failed');
    expect(b.cached).toBe(true);
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
    expect(batchSizes).toEqual([]);
  });

  it('refuses to start with a token budget below the model maximum length', async () => {
    const tooSmall = new InferenceCore({
      settings: inferenceSettingsSchema.parse({ classifier_models: [], max_batch_tokens: 100 }),
      repoRoot,
      logger,
    });
    await expect(tooSmall.start()).rejects.toThrow(
      /max_batch_tokens \(100\) is below the maximum input length of sluice-embed-glove-100d \(512 tokens\)/,
    );
    await tooSmall.close();
    const noMemory = new InferenceCore({
      settings: inferenceSettingsSchema.parse({ classifier_models: [], max_device_memory_gigabytes: 0.00001 }),
      repoRoot,
      logger,
    });
    await expect(noMemory.start()).rejects.toThrow(
      /max_device_memory_gigabytes \(0.00001\) holds only \d+ tokens per batch/,
    );
    await noMemory.close();
  });
});
