// Pre-formed full batches straight on ONNX Runtime, no server: the reference the micro-batcher's
// throughput is measured against (bench/inference.ts batching_efficiency).
import ort from 'onnxruntime-node';
import { readModelSpec } from './model-spec.js';
import { chooseVariant } from './model-variant.js';

export class OfflineRunner {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly feeds: Record<string, ort.Tensor>,
    readonly rows: number,
  ) {}

  static async open(
    folder: string,
    options: { rows: number; length: number; threads?: number },
  ): Promise<OfflineRunner> {
    const chosen = chooseVariant(readModelSpec(folder).variants, 'cpu', 'auto');
    if ('error' in chosen) throw new Error(`${folder}: ${chosen.error}`);
    const session = await ort.InferenceSession.create(chosen.file, {
      graphOptimizationLevel: 'all',
      extra: { session: { intra_op: { allow_spinning: '0' } } },
      ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
    });
    const { rows, length } = options;
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of session.inputNames) {
      const data = new BigInt64Array(rows * length);
      if (name === 'input_ids') for (let i = 0; i < data.length; i++) data[i] = BigInt(2 + ((i * 7919) % 5000));
      else if (name === 'attention_mask') data.fill(1n);
      feeds[name] = new ort.Tensor('int64', data, [rows, length]);
    }
    const runner = new OfflineRunner(session, feeds, rows);
    await session.run(feeds);
    return runner;
  }

  /** Runs full batches back to back for about `durationMs` (at least one); returns items and seconds. */
  async measure(durationMs: number): Promise<{ items: number; seconds: number }> {
    let runs = 0;
    const started = performance.now();
    while (performance.now() - started < durationMs || runs < 1) {
      await this.session.run(this.feeds);
      runs += 1;
    }
    return { items: runs * this.rows, seconds: (performance.now() - started) / 1000 };
  }

  close(): Promise<void> {
    return this.session.release();
  }
}
