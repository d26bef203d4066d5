// Similarity on the device over real gRPC: the similarity graph (MatMul, TopK, built by @sluice/models) run by
// ONNX Runtime in the service's device thread equals the plain cosine within float rounding, and concurrent
// callers with the same profiles share one run of the graph (sluice_inference_similarity_batch_requests).
import { call, connect, runService } from '@sluice/protocol';
import type { InferenceClient, RunningService } from '@sluice/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferenceStage } from '../src/service.js';
import { inferenceSettingsSchema } from '../src/settings.js';

let service: RunningService;
let client: InferenceClient;

beforeAll(async () => {
  service = await runService('inference', inferenceSettingsSchema, inferenceStage.build, {
    exitOnShutdown: false,
    env: {
      ...process.env,
      SLUICE__LOG__LEVEL: 'silent',
      SLUICE__SERVICES__INFERENCE__GRPC_ADDRESS: '127.0.0.1:0',
      SLUICE__SERVICES__INFERENCE__HTTP_PORT: '0',
      SLUICE__SERVICES__SCORER__GRPC_ADDRESS: '127.0.0.1:1',
      SLUICE__INFERENCE__MAX_QUEUE_DELAY_MILLISECONDS: '20',
      SLUICE__INFERENCE__CLASSIFIER_MODELS: '[]',
    },
  });
  client = connect('Inference', `127.0.0.1:${service.grpc.port}`);
  const started = Date.now();
  for (;;) {
    const models = await call(client, 'ListModels', {}, 2_000).catch(() => undefined);
    if (models && models.models.length > 0 && models.models.every((m) => m.ready)) break;
    if (Date.now() - started > 60_000) throw new Error('inference never became ready');
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  client?.close();
  await service?.stop();
});

/** Deterministic vectors in [-1, 1) (a linear congruential generator), like embeddings of 100 dimensions. */
function vectors(count: number, dimensions: number, seed: number): number[][] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  };
  return Array.from({ length: count }, () => Array.from({ length: dimensions }, next));
}

/** The local path's arithmetic in float64: cosine of every query with every profile. */
function cosines(queries: number[][], profiles: number[][]): number[][] {
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return queries.map((q) => profiles.map((p) => q.reduce((s, x, i) => s + x * p[i]!, 0) / (norm(q) * norm(p))));
}

async function similarityRuns(): Promise<{ runs: number; requests: number }> {
  const text = await (await fetch(`http://127.0.0.1:${service.httpPort}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return {
    runs: value('sluice_inference_similarity_batch_requests_count'),
    requests: value('sluice_inference_similarity_batch_requests_sum'),
  };
}

describe('Similarity on the device (ONNX graph)', () => {
  it('equals the cosine of every query and profile, and top_k returns the best profiles in order', async () => {
    const queries = vectors(37, 100, 1);
    const profiles = vectors(9, 100, 2);
    const expected = cosines(queries, profiles);
    const rows = (vs: number[][]) => vs.map((values) => ({ values }));
    const full = await call(client, 'Similarity', { queries: rows(queries), profiles: rows(profiles) }, 10_000);
    expect(full.execution_provider).toBe('cpu');
    expect([full.rows, full.columns]).toEqual([37, 9]);
    full.scores.forEach((score, i) => expect(score).toBeCloseTo(expected[Math.floor(i / 9)]![i % 9]!, 5));

    const top = await call(
      client,
      'Similarity',
      { queries: rows(queries), profiles: rows(profiles), top_k: 3 },
      10_000,
    );
    expect(top.k).toBe(3);
    expect(top.scores).toEqual([]);
    expected.forEach((row, r) => {
      const best = row
        .map((score, index) => ({ score, index }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 3);
      expect(top.top_indices.slice(r * 3, r * 3 + 3)).toEqual(best.map((b) => b.index));
      best.forEach((b, j) => expect(top.top_scores[r * 3 + j]!).toBeCloseTo(b.score, 5));
    });

    // The novelty query: each item's nearest neighbour in a window (k = 1), k capped at the window's size.
    const nearest = await call(
      client,
      'Similarity',
      { queries: rows(queries), profiles: rows(profiles.slice(0, 2)), top_k: 5 },
      10_000,
    );
    expect(nearest.k).toBe(2);
  });

  it('serves concurrent callers with the same profiles in shared runs of the graph', async () => {
    const profiles = vectors(12, 100, 3).map((values) => ({ values }));
    const before = await similarityRuns();
    const callers = 16;
    const responses = await Promise.all(
      Array.from({ length: callers }, (_, c) => {
        const queries = vectors(8, 100, 100 + c);
        return call(client, 'Similarity', { queries: queries.map((values) => ({ values })), profiles }, 10_000).then(
          (response) => ({
            response,
            expected: cosines(
              queries,
              profiles.map((p) => p.values),
            ),
          }),
        );
      }),
    );
    for (const { response, expected } of responses)
      response.scores.forEach((score, i) => expect(score).toBeCloseTo(expected[Math.floor(i / 12)]![i % 12]!, 5));
    const after = await similarityRuns();
    expect(after.requests - before.requests).toBe(callers);
    expect(after.runs - before.runs).toBeLessThanOrEqual(callers / 4);
  });

  it('refuses vectors of different lengths', async () => {
    await expect(
      call(client, 'Similarity', { queries: [{ values: [1, 0] }], profiles: [{ values: [1, 0, 0] }] }, 5_000),
    ).rejects.toMatchObject({ code: 3 });
  });
});
