// The similarity graph's session in the device thread (@sluice/models similarityGraph: MatMul of L2-normalized
// rows, TopK): one session for every caller, on the provider the models settled on.
import ort from 'onnxruntime-node';
import { openWithFallback, providerCandidates, type DeviceName } from '../device.js';

export interface SimilarityRun {
  queries: Float32Array;
  keys: Float32Array;
  rows: number;
  keyRows: number;
  dimensions: number;
  /** 0: every score; k > 0: each row's k best (k ≤ keyRows). */
  k: number;
}

export interface SimilarityRunResult {
  /** rows × keyRows (k = 0), else rows × k. */
  scores: Float32Array;
  /** rows × k key indices (k > 0), else empty. */
  indices: Int32Array;
  inferenceNs: number;
}

let session: ort.InferenceSession | undefined;
let provider = '';

/** Opens the graph on the first provider that works, `preferred` (the models' provider) first. */
export async function loadSimilarity(args: {
  graph: Uint8Array;
  device: DeviceName;
  preferred?: string;
  threads: number;
}): Promise<{ provider: string; tried: string[] }> {
  const candidates = providerCandidates(args.device, process.platform);
  if (args.preferred && candidates.includes(args.preferred))
    candidates.splice(0, candidates.length, args.preferred, ...candidates.filter((c) => c !== args.preferred));
  const opened = await openWithFallback(
    candidates,
    (p) =>
      ort.InferenceSession.create(args.graph, {
        executionProviders: [p],
        graphOptimizationLevel: 'all',
        extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
        ...(args.threads > 0 ? { intraOpNumThreads: args.threads, interOpNumThreads: 1 } : {}),
      }),
    process.platform,
  );
  await session?.release();
  session = opened.result;
  provider = opened.provider;
  return { provider, tried: opened.tried };
}

export async function runSimilarity(args: SimilarityRun): Promise<SimilarityRunResult> {
  if (!session) throw Object.assign(new Error('the similarity graph is not loaded'), { code: 'unavailable' });
  const { rows, keyRows, dimensions, k } = args;
  const feeds = {
    queries: new ort.Tensor('float32', args.queries, [rows, dimensions]),
    keys: new ort.Tensor('float32', args.keys, [keyRows, dimensions]),
    k: new ort.Tensor('int64', BigInt64Array.of(BigInt(Math.max(1, k))), [1]),
  };
  const started = process.hrtime.bigint();
  const outputs = await session.run(feeds, k > 0 ? ['top_scores', 'top_indices'] : ['scores']);
  const inferenceNs = Number(process.hrtime.bigint() - started);
  if (k === 0)
    return { scores: Float32Array.from(outputs.scores!.data as Float32Array), indices: new Int32Array(0), inferenceNs };
  const indices = Int32Array.from(outputs.top_indices!.data as BigInt64Array, Number);
  return { scores: Float32Array.from(outputs.top_scores!.data as Float32Array), indices, inferenceNs };
}

export async function releaseSimilarity(): Promise<void> {
  await session?.release();
  session = undefined;
}
