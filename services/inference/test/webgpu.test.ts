// The WebGPU provider for real, on a software Vulkan adapter (Mesa's lavapipe: `mesa-vulkan-drivers` from
// bookworm-backports, which .ci/run installs; bookworm's own Mesa 22.3 lacks the
// shader*ArrayDynamicIndexing features Dawn requires, so Dawn finds no adapter). The non-CPU path runs
// through the service: the fp16 graph chosen on a GPU provider, fp32 on request, both against the CPU.
import { exportLayout } from '@sluice/models';
import { createLogger, repoRoot } from '@sluice/service-kit';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceCore } from '../src/inference-core.js';
import { inferenceSettingsSchema } from '../src/settings.js';

let root: string;
const texts = [
  'the market fell as investors worried about inflation',
  'the team won the final',
  'a great movie, i loved it, best film of the year',
];

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sluice-webgpu-'));
  // The same weights twice: with model_fp16.onnx (a GPU provider picks it) and without (model.onnx runs).
  for (const [file, bytes] of exportLayout({ layout: 'bert-mean', variants: true }).files) {
    for (const folder of ['encoder', 'encoder-fp32']) {
      if (folder === 'encoder-fp32' && file === 'onnx/model_fp16.onnx') continue;
      mkdirSync(path.dirname(path.join(root, folder, file)), { recursive: true });
      writeFileSync(path.join(root, folder, file), bytes);
    }
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Embeddings and provider/precision per model, from one service core (one WebGPU device per process; a small
 * token budget keeps the full-length warm-up batch short on a software adapter). */
async function embedWith(device: string): Promise<Map<string, { values: Float32Array[]; provider: string }>> {
  const models = ['encoder', 'encoder-fp32'];
  const core = new InferenceCore({
    settings: inferenceSettingsSchema.parse({
      extra_models: models.map((m) => path.join(root, m)),
      embedding_model: 'encoder',
      extra_embedding_models: ['encoder-fp32'],
      classifier_models: [],
      device,
      max_batch_tokens: 256,
    }),
    repoRoot,
    logger: createLogger('test', 'silent'),
  });
  try {
    await core.start();
    const out = new Map<string, { values: Float32Array[]; provider: string }>();
    for (const model of models) {
      const { outcomes } = await core.embed(
        model,
        texts.map((text) => ({ text })),
      );
      const values = outcomes.map((o) => {
        if ('error' in o) throw o.error;
        return o.values;
      });
      out.set(model, { values, provider: core.describeModels().find((m) => m.name === model)!.execution_provider });
    }
    return out;
  } finally {
    await core.close();
  }
}

const maxDifference = (a: Float32Array, b: Float32Array) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe('WebGPU on a software adapter', () => {
  it('runs model_fp16.onnx on the GPU provider (fp16 relative error ≤ 1e-2) and model.onnx where there is no fp16 graph', async () => {
    const cpu = (await embedWith('cpu')).get('encoder')!;
    expect(cpu.provider).toBe('cpu/fp32');
    const gpu = await embedWith('webgpu');
    const fp16 = gpu.get('encoder')!;
    expect(fp16.provider).toBe('webgpu/fp16');
    const fp32 = gpu.get('encoder-fp32')!;
    expect(fp32.provider).toBe('webgpu/fp32');
    for (let i = 0; i < texts.length; i++) {
      // Unit vectors: the largest per-value difference is the relative error of the embedding.
      expect(maxDifference(fp16.values[i]!, cpu.values[i]!)).toBeLessThan(1e-2);
      expect(maxDifference(fp16.values[i]!, cpu.values[i]!)).toBeGreaterThan(0);
      expect(maxDifference(fp32.values[i]!, cpu.values[i]!)).toBeLessThan(1e-4);
    }
  }, 120_000);
});
