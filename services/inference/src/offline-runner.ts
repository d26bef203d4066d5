// Pre-formed full batches straight on ONNX Runtime, no server: the reference the micro-batcher's
// throughput is measured against (bench/inference.ts batching_efficiency).
import ort from 'onnxruntime-node';
import { readModelSpec } from './model-spec.js';

export async function offlineThroughput(folder: string, options: { rows: number; length: number; durationMs: number; threads?: number }): Promise<{ itemsPerSecond: number; runs: number }> {
  const spec = readModelSpec(folder);
  const session = await ort.InferenceSession.create(spec.onnxFile, { graphOptimizationLevel: 'all', ...(options.threads ? { intraOpNumThreads: options.threads } : {}) });
  const { rows, length } = options;
  const feeds: Record<string, ort.Tensor> = {};
  for (const name of session.inputNames) {
    const data = new BigInt64Array(rows * length);
    if (name === 'input_ids') for (let i = 0; i < data.length; i++) data[i] = BigInt(2 + ((i * 7919) % 5000));
    else if (name === 'attention_mask') data.fill(1n);
    feeds[name] = new ort.Tensor('int64', data, [rows, length]);
  }
  await session.run(feeds);
  let runs = 0;
  const started = performance.now();
  while (performance.now() - started < options.durationMs || runs < 2) {
    await session.run(feeds);
    runs += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  await session.release();
  return { itemsPerSecond: (runs * rows) / seconds, runs };
}
