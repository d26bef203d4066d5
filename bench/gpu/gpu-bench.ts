// The GPU benchmark, bundled by prepare.ts into dist/ and run on a GPU machine (no internet, maybe no
// Node.js) with `sh dist/run.sh`. It:
//  1. generates the bench encoders (MiniLM-L6 and BERT-base shapes, fp32 + fp16) from a seed;
//  2. finds ONNX Runtime's CUDA provider libraries (bundled, or from the machine's Python environment,
//     which may hold onnxruntime-gpu of the same version) and tries the CUDA and WebGPU providers;
//  3. checks GPU outputs against the CPU (relative error; ≤ 1e-2 for fp16);
//  4. measures items/s at fp32 and fp16 for both shapes while sampling GPU utilization and memory;
//  5. runs the same architecture in PyTorch fp16 (torch_reference.py) for gpu_vs_pytorch.
// `--cpu-check` runs the same code path on the CPU with tiny shapes (how it is checked without a GPU).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BERT_BASE, MINILM_L6, encoderGraph, type EncoderShape } from '../../packages/models/src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const cpuCheck = args.includes('--cpu-check');
const outDir = path.resolve(
  args[args.indexOf('--out') + 1] && args.includes('--out')
    ? args[args.indexOf('--out') + 1]!
    : (process.env.OUT ?? path.join(here, 'out')),
);
const seconds = Number(process.env.GPU_BENCH_SECONDS ?? (cpuCheck ? 1 : 15));
const BATCH = Number(process.env.GPU_BENCH_BATCH ?? (cpuCheck ? 4 : 64));
const LENGTH = Number(process.env.GPU_BENCH_LENGTH ?? (cpuCheck ? 16 : 128));
const log = (message: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ t: new Date().toISOString(), message, ...extra }));

/** Where the bundled onnxruntime-node keeps libonnxruntime.so.1 (the provider libraries must sit next to it). */
function ortBinDir(): string {
  const pkg = createRequire(import.meta.url).resolve('onnxruntime-node/package.json');
  return path.join(path.dirname(pkg), 'bin', 'napi-v6', process.platform, process.arch);
}

/** onnxruntime-gpu in the machine's Python environment: its version, capi folder and CUDA library folders. */
function findPythonCuda(): { version?: string; capi?: string; libDirs: string[]; note: string } {
  const script = [
    'import json, os, glob, site',
    'out = {"libDirs": []}',
    'try:\n  import onnxruntime as o\n  out["version"] = o.__version__\n  out["capi"] = os.path.join(os.path.dirname(o.__file__), "capi")\nexcept Exception as e:\n  out["error"] = str(e)',
    'roots = site.getsitepackages() + [site.getusersitepackages()]',
    'for r in roots:\n  out["libDirs"] += sorted(glob.glob(os.path.join(r, "nvidia", "*", "lib"))) + sorted(glob.glob(os.path.join(r, "torch", "lib")))',
    'print(json.dumps(out))',
  ].join('\n');
  try {
    const found = JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8', timeout: 60_000 })) as {
      version?: string;
      capi?: string;
      libDirs: string[];
      error?: string;
    };
    return {
      ...found,
      note: found.error ? `python onnxruntime: ${found.error}` : `python onnxruntime ${found.version}`,
    };
  } catch (error) {
    return { libDirs: [], note: `python3 not usable: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** Parent: put CUDA provider libraries next to libonnxruntime.so.1, then re-run with LD_LIBRARY_PATH set. */
function launch(): void {
  mkdirSync(outDir, { recursive: true });
  const bin = ortBinDir();
  const python = findPythonCuda();
  const setup: Record<string, unknown> = { ort_bin: bin, python: python.note };
  if (!existsSync(path.join(bin, 'libonnxruntime_providers_cuda.so')) && python.capi) {
    for (const lib of ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so']) {
      if (existsSync(path.join(python.capi, lib))) copyFileSync(path.join(python.capi, lib), path.join(bin, lib));
    }
    setup.copied_cuda_provider_from = python.capi;
    setup.python_onnxruntime_version = python.version;
  }
  const env = {
    ...process.env,
    LD_LIBRARY_PATH: [bin, ...python.libDirs, process.env.LD_LIBRARY_PATH ?? ''].filter(Boolean).join(':'),
  };
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args, '--child'], {
    env,
    stdio: 'inherit',
  });
  writeFileSync(path.join(outDir, 'setup.json'), `${JSON.stringify(setup, null, 2)}\n`);
  process.exit(child.status ?? 1);
}

/** The part of onnxruntime-node this script uses. */
interface OrtTensor {
  type: string;
  data: unknown;
}
interface OrtSession {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface OrtApi {
  Tensor: new (type: 'int64', data: BigInt64Array, dims: number[]) => OrtTensor;
  InferenceSession: { create(file: string, options?: Record<string, unknown>): Promise<OrtSession> };
}

interface Sampler {
  stop(): { utilizationAvg: number; utilizationSamples: number; peakMemoryMiB: number };
}

function sampleGpu(): Sampler {
  const samples: number[] = [];
  let peak = 0;
  const proc = spawn(
    'nvidia-smi',
    ['--query-gpu=utilization.gpu,memory.used', '--format=csv,noheader,nounits', '-lms', '200', '-i', '0'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  proc.on('error', () => {});
  proc.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().trim().split('\n')) {
      const [util, mem] = line.split(',').map((v) => Number(v.trim()));
      if (Number.isFinite(util)) samples.push(util!);
      if (Number.isFinite(mem)) peak = Math.max(peak, mem!);
    }
  });
  return {
    stop() {
      proc.kill();
      // The first samples cover warm-up; utilization counts while batches run back to back.
      const steady = samples.slice(Math.min(3, Math.floor(samples.length / 4)));
      return {
        utilizationAvg: steady.length ? steady.reduce((a, b) => a + b, 0) / steady.length / 100 : NaN,
        utilizationSamples: steady.length,
        peakMemoryMiB: peak,
      };
    },
  };
}

async function child(): Promise<void> {
  // Resolved at run time from the bundle's node_modules (kept out of the bundle: it is a native addon).
  const ortModule = 'onnxruntime-node';
  const ort = ((await import(ortModule)) as { default: OrtApi }).default;
  const results: Record<string, unknown> = {
    machine: `${os.cpus().length} cores, ${os.platform()} ${os.arch()}`,
    node: process.version,
    batch: BATCH,
    length: LENGTH,
    seconds,
    cpu_check: cpuCheck,
    providers: {} as Record<string, string>,
  };
  const metrics: Record<string, number> = {};
  const shapes: Array<[string, EncoderShape]> = cpuCheck
    ? [
        ['minilm', { ...MINILM_L6, layers: 1, vocabulary: 1000 }],
        ['bert', { ...BERT_BASE, layers: 1, vocabulary: 1000 }],
      ]
    : [
        ['minilm', MINILM_L6],
        ['bert', BERT_BASE],
      ];
  const modelDir = path.join(os.tmpdir(), 'sluice-gpu-bench');
  mkdirSync(modelDir, { recursive: true });
  const files: Record<string, string> = {};
  for (const [name, shape] of shapes) {
    for (const precision of ['fp32', 'fp16'] as const) {
      const file = path.join(modelDir, `${name}-${precision}${cpuCheck ? '-cpu-check' : ''}.onnx`);
      if (!existsSync(file)) writeFileSync(file, encoderGraph(shape, precision));
      files[`${name}-${precision}`] = file;
    }
  }
  log('models generated', { files });

  const feeds = (rows: number, length: number, vocabulary: number) => {
    const ids = new BigInt64Array(rows * length);
    for (let i = 0; i < ids.length; i++) ids[i] = BigInt(2 + ((i * 7919) % (vocabulary - 2)));
    const mask = new BigInt64Array(rows * length).fill(1n);
    for (let r = 0; r < rows; r++)
      for (let t = length - (r % 4) * Math.floor(length / 8); t < length; t++) mask[r * length + t] = 0n;
    return {
      input_ids: new ort.Tensor('int64', ids, [rows, length]),
      attention_mask: new ort.Tensor('int64', mask, [rows, length]),
    };
  };
  const toFloat = (t: OrtTensor) => {
    if (t.type === 'float32') return t.data as Float32Array;
    const raw = t.data as Uint16Array;
    return Float32Array.from(raw, (h) => {
      const s = h & 0x8000 ? -1 : 1;
      const e = (h >> 10) & 0x1f;
      const f = h & 0x3ff;
      return e === 0 ? s * 2 ** -14 * (f / 1024) : e === 31 ? NaN : s * 2 ** (e - 15) * (1 + f / 1024);
    });
  };
  const relativeError = (a: Float32Array, b: Float32Array) => {
    let num = 0;
    let den = 0;
    for (let i = 0; i < a.length; i++) {
      num += (a[i]! - b[i]!) ** 2;
      den += b[i]! ** 2;
    }
    return Math.sqrt(num / den);
  };

  // Which GPU providers work here.
  const gpuProviders: string[] = [];
  for (const provider of cpuCheck ? ['cpu'] : ['cuda', 'webgpu']) {
    try {
      const s = await ort.InferenceSession.create(files['minilm-fp32']!, { executionProviders: [provider] });
      await s.run(feeds(2, 16, shapes[0]![1].vocabulary));
      await s.release();
      (results.providers as Record<string, string>)[provider] = 'ok';
      gpuProviders.push(provider);
    } catch (error) {
      (results.providers as Record<string, string>)[provider] =
        `failed: ${(error as Error).message.split('\n')[0]!.slice(0, 300)}`;
    }
  }
  log('providers', results.providers as Record<string, unknown>);

  for (const provider of gpuProviders) {
    for (const [name, shape] of shapes) {
      // Accuracy: GPU vs CPU fp32 on a small padded batch.
      const check = feeds(4, Math.min(64, LENGTH), shape.vocabulary);
      const cpu = await ort.InferenceSession.create(files[`${name}-fp32`]!, { executionProviders: ['cpu'] });
      const reference = toFloat((await cpu.run(check)).last_hidden_state!);
      await cpu.release();
      for (const precision of ['fp32', 'fp16'] as const) {
        const key = `${provider}_${name}_${precision}`;
        try {
          const session = await ort.InferenceSession.create(files[`${name}-${precision}`]!, {
            executionProviders: [provider],
            graphOptimizationLevel: 'all',
          });
          metrics[`${key}_relative_error`] = relativeError(
            toFloat((await session.run(check)).last_hidden_state!),
            reference,
          );
          const input = feeds(BATCH, LENGTH, shape.vocabulary);
          for (let i = 0; i < 3; i++) await session.run(input);
          const sampler = provider === 'cpu' ? undefined : sampleGpu();
          let runs = 0;
          const started = performance.now();
          while (performance.now() - started < seconds * 1000 || runs < 3) {
            await session.run(input);
            runs += 1;
          }
          const elapsed = (performance.now() - started) / 1000;
          metrics[`${key}_items_per_second`] = (runs * BATCH) / elapsed;
          const gpu = sampler?.stop();
          if (gpu) {
            metrics[`${key}_gpu_utilization`] = gpu.utilizationAvg;
            metrics[`${key}_peak_memory_gigabytes`] = gpu.peakMemoryMiB / 1024;
          }
          await session.release();
          log(key, {
            items_per_second: metrics[`${key}_items_per_second`],
            relative_error: metrics[`${key}_relative_error`],
            gpu,
          });
        } catch (error) {
          metrics[`${key}_failed`] = 1;
          log(`${key} failed`, { error: (error as Error).message.split('\n')[0] });
        }
      }
    }
  }

  // PyTorch fp16 reference on the same GPU, same shapes.
  if (!cpuCheck) {
    const torch = spawnSync(
      'python3',
      [
        path.join(here, 'torch_reference.py'),
        '--batch',
        String(BATCH),
        '--length',
        String(LENGTH),
        '--seconds',
        String(seconds),
      ],
      { encoding: 'utf8', timeout: 300_000 },
    );
    const line = torch.stdout?.trim().split('\n').at(-1) ?? '';
    try {
      const reference = JSON.parse(line) as Record<string, number>;
      for (const [k, v] of Object.entries(reference)) metrics[`pytorch_${k}`] = v;
      for (const name of ['minilm', 'bert']) {
        const best = Math.max(...gpuProviders.map((p) => metrics[`${p}_${name}_fp16_items_per_second`] ?? 0));
        const torchRate = reference[`${name}_fp16_items_per_second`];
        if (best > 0 && torchRate) metrics[`gpu_vs_pytorch_${name}`] = best / torchRate;
      }
    } catch {
      results.pytorch_error = (torch.stderr ?? '').slice(-2000) || line;
    }
  }
  results.metrics = metrics;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'gpu-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('done', { out: path.join(outDir, 'gpu-results.json'), metrics });
}

if (args.includes('--child')) await child();
else launch();

export {};
