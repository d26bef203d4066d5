// Which graph runs where, and what happens when a provider cannot start: the variant rule (model.onnx /
// model_fp16.onnx / model_quantized.onnx per provider), the provider fallback of `auto` with the errors that
// name the fix, and the variants themselves run for real on the CPU (fp16 and int8 graphs included).
import { exportLayout } from '@sluice/models';
import { createLogger, repoRoot } from '@sluice/service-kit';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithFallback, providerCandidates } from '../src/device.js';
import { InferenceCore } from '../src/inference-core.js';
import { chooseVariant, findVariants, variantPreference } from '../src/model-variant.js';
import { readModelSpec } from '../src/model-spec.js';
import { inferenceSettingsSchema } from '../src/settings.js';

let root: string;
const folder = (name: string) => path.join(root, name);

function writeLayout(name: string, options: Parameters<typeof exportLayout>[0], skip: string[] = []): void {
  for (const [file, bytes] of exportLayout(options).files) {
    if (skip.includes(file)) continue;
    mkdirSync(path.dirname(path.join(folder(name), file)), { recursive: true });
    writeFileSync(path.join(folder(name), file), bytes);
  }
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sluice-variants-'));
  writeLayout('encoder', { layout: 'bert-mean', variants: true });
  writeLayout('external', { layout: 'bert-cls', externalData: true });
  writeLayout('quantized-only', { layout: 'bert-mean', variants: true }, ['onnx/model.onnx', 'onnx/model_fp16.onnx']);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the variant rule', () => {
  it('prefers fp32 on the CPU and fp16 on GPU providers, falling back to what the folder has', () => {
    expect(variantPreference('cpu', 'auto')).toEqual(['fp32', 'int8', 'fp16']);
    for (const gpu of ['cuda', 'dml', 'webgpu']) expect(variantPreference(gpu, 'auto')[0]).toBe('fp16');
    const all = findVariants(folder('encoder'));
    expect(Object.keys(all).sort()).toEqual(['fp16', 'fp32', 'int8']);
    expect(chooseVariant(all, 'cpu', 'auto')).toEqual({
      precision: 'fp32',
      file: path.join(folder('encoder'), 'onnx', 'model.onnx'),
    });
    expect(chooseVariant(all, 'cuda', 'auto')).toEqual({
      precision: 'fp16',
      file: path.join(folder('encoder'), 'onnx', 'model_fp16.onnx'),
    });
    expect(chooseVariant(all, 'cuda', 'fp32')).toMatchObject({ precision: 'fp32' });
    const external = findVariants(folder('external'));
    expect(chooseVariant(external, 'webgpu', 'auto')).toMatchObject({ precision: 'fp32' });
    const quantized = findVariants(folder('quantized-only'));
    expect(chooseVariant(quantized, 'cpu', 'auto')).toMatchObject({ precision: 'int8' });
    const missing = chooseVariant(external, 'cpu', 'fp16');
    expect('error' in missing && missing.error).toMatch(/no onnx\/model_fp16\.onnx.*set inference\.precision to auto/);
  });

  it('reads pooling and normalization from modules.json and 1_Pooling/config.json', () => {
    expect(readModelSpec(folder('encoder'))).toMatchObject({
      kind: 'embedding',
      pooling: 'mean',
      normalize: true,
      maxLength: 128,
    });
    expect(readModelSpec(folder('external'))).toMatchObject({ pooling: 'cls' });
    writeFileSync(
      path.join(folder('quantized-only'), '1_Pooling', 'config.json'),
      JSON.stringify({ pooling_mode_max_tokens: true }),
    );
    expect(() => readModelSpec(folder('quantized-only'))).toThrow(
      /pooling_mode_max_tokens.*supported are pooling_mode_mean_tokens and pooling_mode_cls_token/,
    );
    writeFileSync(
      path.join(folder('quantized-only'), '1_Pooling', 'config.json'),
      JSON.stringify({ pooling_mode_mean_tokens: true }),
    );
  });
});

describe('provider fallback', () => {
  it('auto tries the platform providers in order and records every failure', async () => {
    expect(providerCandidates('auto', 'linux', true)).toEqual(['cuda', 'webgpu', 'cpu']);
    // No GPU device node: the only WebGPU adapter would be a software one, slower than the CPU provider.
    expect(providerCandidates('auto', 'linux', false)).toEqual(['cuda', 'cpu']);
    expect(providerCandidates('webgpu', 'linux', false)).toEqual(['webgpu']);
    expect(providerCandidates('auto', 'win32')).toEqual(['dml', 'webgpu', 'cpu']);
    expect(providerCandidates('auto', 'darwin')).toEqual(['cpu']);
    const attempts: string[] = [];
    // A stand-in for a machine whose CUDA libraries are missing and whose WebGPU adapter throws.
    const opened = await openWithFallback(
      providerCandidates('auto', 'linux', true),
      async (provider) => {
        attempts.push(provider);
        if (provider === 'cuda')
          throw new Error('libonnxruntime_providers_cuda.so: cannot open shared object file\nmore');
        if (provider === 'webgpu') throw new Error('Failed to get a WebGPU adapter: No supported adapter');
        return `session on ${provider}`;
      },
      'linux',
    );
    expect(attempts).toEqual(['cuda', 'webgpu', 'cpu']);
    expect(opened).toEqual({
      provider: 'cpu',
      result: 'session on cpu',
      tried: [
        'cuda: libonnxruntime_providers_cuda.so: cannot open shared object file',
        'webgpu: Failed to get a WebGPU adapter: No supported adapter',
      ],
    });
    // The first provider that works wins: later ones are not tried.
    attempts.length = 0;
    await openWithFallback(['cuda', 'webgpu', 'cpu'], async (provider) => attempts.push(provider), 'linux');
    expect(attempts).toEqual(['cuda']);
  });

  it('a configured provider that cannot start is an error naming the fix; a model fault is not a provider fault', async () => {
    const fail = async () => {
      throw new Error('no CUDA');
    };
    await expect(openWithFallback(['cuda'], fail, 'linux')).rejects.toThrow(
      /cuda: no CUDA.*ONNXRUNTIME_NODE_INSTALL=cuda12.*inference\.device to auto or cpu/,
    );
    await expect(openWithFallback(['dml'], fail, 'linux')).rejects.toThrow(/DirectML exists only on Windows/);
    await expect(openWithFallback(['webgpu'], fail, 'linux')).rejects.toMatchObject({ code: 'provider_unavailable' });
    const attempts: string[] = [];
    const modelFault = openWithFallback(
      ['cuda', 'cpu'],
      async (provider) => {
        attempts.push(provider);
        throw Object.assign(new Error('model m: no onnx/model_fp16.onnx'), { code: 'model_error' });
      },
      'linux',
    );
    await expect(modelFault).rejects.toThrow(/no onnx\/model_fp16\.onnx/);
    expect(attempts).toEqual(['cuda']);
  });
});

describe('variants on the CPU, for real', () => {
  const texts = [
    'the market fell as investors worried about inflation',
    'the team won the final',
    'a great movie, i loved it',
  ];

  async function embedWith(
    settings: Record<string, unknown>,
    model: string,
  ): Promise<{ values: Float32Array[]; provider: string; logs: Array<Record<string, unknown>> }> {
    const logger = createLogger('test', 'info');
    const logs: Array<Record<string, unknown>> = [];
    logger.info = ((object: unknown, message?: string) =>
      void logs.push({ ...(typeof object === 'object' ? object : {}), msg: message ?? object })) as typeof logger.info;
    const core = new InferenceCore({
      settings: inferenceSettingsSchema.parse({
        extra_models: [folder(model)],
        embedding_model: model,
        classifier_models: [],
        ...settings,
      }),
      repoRoot,
      logger,
    });
    try {
      await core.start();
      const { outcomes } = await core.embed(
        model,
        texts.map((text) => ({ text })),
      );
      return {
        values: outcomes.map((o) => {
          if ('error' in o) throw o.error;
          return o.values;
        }),
        provider: core.describeModels()[0]!.execution_provider,
        logs,
      };
    } finally {
      await core.close();
    }
  }

  const maxDifference = (a: Float32Array, b: Float32Array) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
  const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

  it('auto runs model.onnx; fp16 and int8 run their graphs, close to fp32; auto logs what it tried', async () => {
    const fp32 = await embedWith({ device: 'auto' }, 'encoder');
    // On this machine auto ends on some provider; whatever failed before it is logged, in order.
    const chosen = fp32.logs.find((l) => l.msg === 'execution provider chosen')!;
    const candidates = providerCandidates('auto', process.platform);
    expect(chosen.tried).toEqual(expect.any(Array));
    const failed = (chosen.tried as string[]).map((t) => t.split(':')[0]);
    expect(failed).toEqual(candidates.slice(0, failed.length));
    expect(chosen.provider).toBe(candidates[failed.length]);
    expect(chosen.file).toBe(
      chosen.provider === 'cpu' ? path.join('onnx', 'model.onnx') : path.join('onnx', 'model_fp16.onnx'),
    );

    const cpu32 = await embedWith({ device: 'cpu' }, 'encoder');
    expect(cpu32.provider).toBe('cpu/fp32');
    const fp16 = await embedWith({ device: 'cpu', precision: 'fp16' }, 'encoder');
    expect(fp16.provider).toBe('cpu/fp16');
    const int8 = await embedWith({ device: 'cpu', precision: 'int8' }, 'encoder');
    expect(int8.provider).toBe('cpu/int8');
    for (let i = 0; i < texts.length; i++) {
      expect(maxDifference(fp16.values[i]!, cpu32.values[i]!)).toBeLessThan(1e-2);
      expect(maxDifference(fp16.values[i]!, cpu32.values[i]!)).toBeGreaterThan(0); // really the fp16 graph
      expect(cosine(int8.values[i]!, cpu32.values[i]!)).toBeGreaterThan(0.99);
      expect(maxDifference(int8.values[i]!, cpu32.values[i]!)).toBeGreaterThan(0);
    }
  }, 120_000);

  it('loads an external-data model, and a folder with only model_quantized.onnx', async () => {
    const external = await embedWith({ device: 'cpu' }, 'external');
    expect(external.provider).toBe('cpu/fp32');
    expect(Math.hypot(...external.values[0]!)).toBeCloseTo(1, 4);
    const quantized = await embedWith({ device: 'cpu' }, 'quantized-only');
    expect(quantized.provider).toBe('cpu/int8');
  }, 120_000);

  it('a precision the folder lacks fails the start with the fix', async () => {
    await expect(embedWith({ device: 'cpu', precision: 'fp16' }, 'external')).rejects.toThrow(
      /no onnx\/model_fp16\.onnx.*set inference\.precision to auto/,
    );
  }, 60_000);
});
