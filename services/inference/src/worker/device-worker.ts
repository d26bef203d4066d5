// The device thread: owns every ONNX Runtime session (session.run() blocks its thread for the whole batch)
// and turns a batch of token ids into final vectors or scores (pooling, normalization, activation).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';
import type { ModelSpec } from '../model-spec.js';
import { openWithFallback, providerCandidates, type DeviceName } from '../device.js';
import { chooseVariant, type Precision, type Variant } from '../model-variant.js';
import { loadSimilarity, releaseSimilarity, runSimilarity, type SimilarityRun } from './similarity-session.js';
import { serveWorker } from './worker-rpc.js';

interface Loaded {
  spec: ModelSpec;
  session: ort.InferenceSession;
  provider: string;
  precision: Variant;
  inputNames: readonly string[];
  outputName: string;
}

const sessions = new Map<string, Loaded>();
let threads = 0;
/** ONNX Runtime profiles go here (inference.onnx_profile_dir); empty: off. */
let profileDir = '';
/** The provider `auto` settled on for the first model; later models try it first. */
let settled: string | undefined;

async function createSession(
  spec: ModelSpec,
  device: DeviceName,
  precision: Precision,
): Promise<{ session: ort.InferenceSession; provider: string; precision: Variant; file: string; tried: string[] }> {
  const candidates = providerCandidates(device, process.platform);
  if (settled && candidates.includes(settled))
    candidates.splice(0, candidates.length, settled, ...candidates.filter((c) => c !== settled));
  const opened = await openWithFallback(
    candidates,
    async (provider) => {
      const chosen = chooseVariant(spec.variants, provider, precision);
      if ('error' in chosen)
        throw Object.assign(new Error(`model ${spec.name}: ${chosen.error}`), { code: 'model_error' });
      const session = await ort.InferenceSession.create(chosen.file, {
        executionProviders: [provider],
        graphOptimizationLevel: 'all',
        // Spinning pool threads would burn the cores the main and tokenizer threads need between batches.
        extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
        ...(threads > 0 ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {}),
        ...(profileDir
          ? { enableProfiling: true, profileFilePrefix: path.join(profileDir, `onnxruntime_profile_${spec.name}`) }
          : {}),
      });
      return { session, ...chosen };
    },
    process.platform,
  );
  settled = opened.provider;
  return { ...opened.result, provider: opened.provider, tried: opened.tried };
}

function toFloat32(tensor: ort.Tensor): Float32Array {
  if (tensor.type === 'float32') return tensor.data as Float32Array;
  if (tensor.type === 'float16') {
    const raw = tensor.data as Uint16Array;
    const out = new Float32Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const h = raw[i]!;
      const sign = h & 0x8000 ? -1 : 1;
      const exp = (h >> 10) & 0x1f;
      const frac = h & 0x3ff;
      out[i] =
        exp === 0
          ? sign * 2 ** -14 * (frac / 1024)
          : exp === 31
            ? frac
              ? NaN
              : sign * Infinity
            : sign * 2 ** (exp - 15) * (1 + frac / 1024);
    }
    return out;
  }
  return Float32Array.from(tensor.data as ArrayLike<number>);
}

/** [B, L, H] token vectors → [B, H] by mean over the mask or the first (CLS) token. */
function pool(
  values: Float32Array,
  rows: number,
  length: number,
  hidden: number,
  lengths: Int32Array,
  mode: 'mean' | 'cls',
): Float32Array {
  const out = new Float32Array(rows * hidden);
  for (let r = 0; r < rows; r++) {
    const n = mode === 'cls' ? 1 : Math.max(1, lengths[r]!);
    const count = mode === 'cls' ? 1 : Math.min(n, length);
    for (let t = 0; t < count; t++) {
      const base = (r * length + t) * hidden;
      for (let h = 0; h < hidden; h++) out[r * hidden + h]! += values[base + h]!;
    }
    for (let h = 0; h < hidden; h++) out[r * hidden + h]! /= count;
  }
  return out;
}

function finish(spec: ModelSpec, values: Float32Array, rows: number, columns: number): void {
  for (let r = 0; r < rows; r++) {
    const row = values.subarray(r * columns, (r + 1) * columns);
    if (spec.kind === 'embedding') {
      if (!spec.normalize) continue;
      let norm = 0;
      for (const v of row) norm += v * v;
      norm = Math.sqrt(norm);
      if (norm > 1e-12) for (let i = 0; i < columns; i++) row[i]! /= norm;
    } else if (spec.activation === 'softmax') {
      let max = -Infinity;
      for (const v of row) max = Math.max(max, v);
      let sum = 0;
      for (let i = 0; i < columns; i++) sum += row[i] = Math.exp(row[i]! - max);
      for (let i = 0; i < columns; i++) row[i]! /= sum;
    } else if (spec.activation === 'sigmoid') {
      for (let i = 0; i < columns; i++) row[i] = 1 / (1 + Math.exp(-row[i]!));
    }
  }
}

serveWorker({
  async init(args: { threads: number; profileDir?: string }) {
    threads = args.threads;
    profileDir = args.profileDir ?? '';
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    // Probing a missing provider (auto) makes ONNX Runtime log an error line on stderr; the outcome is
    // logged by the service as structured JSON instead ("execution providers tried").
    ort.env.logLevel = 'fatal';
    return { result: { backends: ort.listSupportedBackends().map((b) => b.name) } };
  },
  async load(args: { spec: ModelSpec; device: DeviceName; precision: Precision }) {
    const { session, provider, precision, file, tried } = await createSession(args.spec, args.device, args.precision);
    const outputName =
      args.spec.output && session.outputNames.includes(args.spec.output)
        ? args.spec.output
        : (session.outputNames.find((n) => n === 'sentence_embedding') ?? session.outputNames[0]!);
    const previous = sessions.get(args.spec.name);
    sessions.set(args.spec.name, {
      spec: args.spec,
      session,
      provider,
      precision,
      inputNames: session.inputNames,
      outputName,
    });
    if (previous && profileDir) previous.session.endProfiling();
    await previous?.session.release();
    return { result: { provider, precision, file, tried, inputNames: session.inputNames, outputName } };
  },
  /**
   * Activation memory per padded token, measured on the first full-length batch: the growth of process
   * memory (CPU arena) or of device memory (CUDA, via nvidia-smi) divided by the batch's tokens.
   */
  async measure(args: { name: string; rows: number; length: number }) {
    const loaded = sessions.get(args.name);
    if (!loaded) throw Object.assign(new Error(`model ${args.name} is not loaded`), { code: 'not_found' });
    const { rows, length } = args;
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of loaded.inputNames)
      feeds[name] = new ort.Tensor(
        'int64',
        new BigInt64Array(rows * length).fill(name === 'token_type_ids' ? 0n : 1n),
        [rows, length],
      );
    const gpuBefore = loaded.provider === 'cuda' ? gpuMemoryBytes() : undefined;
    const rssBefore = process.memoryUsage().rss;
    const started = process.hrtime.bigint();
    await loaded.session.run(feeds, [loaded.outputName]);
    const inferenceNs = Number(process.hrtime.bigint() - started);
    const rssGrowth = Math.max(0, process.memoryUsage().rss - rssBefore);
    const gpuAfter = gpuBefore !== undefined ? gpuMemoryBytes() : undefined;
    const deviceGrowth = gpuBefore !== undefined && gpuAfter !== undefined ? Math.max(0, gpuAfter - gpuBefore) : 0;
    return {
      result: {
        bytesPerToken: Math.max(rssGrowth, deviceGrowth) / (rows * length),
        inferenceNs,
        source: deviceGrowth > 0 ? 'device' : 'process',
      },
    };
  },
  async loadSimilarity(args: { graph: Uint8Array; device: DeviceName }) {
    return { result: await loadSimilarity({ ...args, preferred: settled, threads }) };
  },
  async similarity(args: SimilarityRun) {
    const result = await runSimilarity(args);
    return { result, transfer: [result.scores.buffer as ArrayBuffer, result.indices.buffer as ArrayBuffer] };
  },
  /** Ends every session (at shutdown), which writes ONNX Runtime's profiles when they are on. */
  async releaseAll() {
    await releaseSimilarity();
    const loaded = [...sessions.values()];
    sessions.clear();
    for (const l of loaded) {
      if (profileDir) l.session.endProfiling();
      await l.session.release();
    }
    return { result: loaded.length };
  },
  async unload(args: { name: string }) {
    const loaded = sessions.get(args.name);
    sessions.delete(args.name);
    if (loaded && profileDir) loaded.session.endProfiling();
    await loaded?.session.release();
    return { result: true };
  },
  async run(args: { name: string; ids: Int32Array; offsets: Int32Array }) {
    const loaded = sessions.get(args.name);
    if (!loaded) throw Object.assign(new Error(`model ${args.name} is not loaded`), { code: 'not_found' });
    const { spec } = loaded;
    const rows = args.offsets.length - 1;
    const lengths = new Int32Array(rows);
    let length = 1;
    for (let r = 0; r < rows; r++) {
      lengths[r] = args.offsets[r + 1]! - args.offsets[r]!;
      length = Math.max(length, lengths[r]!);
    }
    const ids = new BigInt64Array(rows * length).fill(BigInt(spec.padId));
    const mask = new BigInt64Array(rows * length);
    for (let r = 0; r < rows; r++) {
      for (let t = 0; t < lengths[r]!; t++) {
        ids[r * length + t] = BigInt(args.ids[args.offsets[r]! + t]!);
        mask[r * length + t] = 1n;
      }
    }
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of loaded.inputNames) {
      if (name === 'input_ids') feeds[name] = new ort.Tensor('int64', ids, [rows, length]);
      else if (name === 'attention_mask') feeds[name] = new ort.Tensor('int64', mask, [rows, length]);
      else if (name === 'token_type_ids')
        feeds[name] = new ort.Tensor('int64', new BigInt64Array(rows * length), [rows, length]);
      else
        throw Object.assign(new Error(`model ${spec.name} has an input ${name} this service cannot feed`), {
          code: 'model_error',
        });
    }
    const started = process.hrtime.bigint();
    const outputs = await loaded.session.run(feeds, [loaded.outputName]);
    const inferenceNs = Number(process.hrtime.bigint() - started);
    const tensor = outputs[loaded.outputName]!;
    let values = toFloat32(tensor);
    let columns = Number(tensor.dims[tensor.dims.length - 1]);
    if (tensor.dims.length === 3)
      values = pool(values, rows, Number(tensor.dims[1]), columns, lengths, spec.pooling === 'cls' ? 'cls' : 'mean');
    else if (tensor.dims.length !== 2)
      throw Object.assign(new Error(`model ${spec.name}: unexpected output shape [${tensor.dims}]`), {
        code: 'model_error',
      });
    values = values.buffer === (tensor.data as Float32Array).buffer ? Float32Array.from(values) : values;
    finish(spec, values, rows, columns);
    tensor.dispose?.();
    return {
      result: { values, rows, columns, inferenceNs, paddedTokens: rows * length },
      transfer: [values.buffer as ArrayBuffer],
    };
  },
});

/** Device memory in use on GPU 0 (nvidia-smi), or undefined when it cannot be read. */
function gpuMemoryBytes(): number | undefined {
  try {
    const out = execFileSync('nvidia-smi', ['--query-gpu=memory.used', '--format=csv,noheader,nounits', '-i', '0'], {
      encoding: 'utf8',
      timeout: 5000,
    });
    return Number(out.trim()) * 1024 * 1024;
  } catch {
    return undefined;
  }
}
