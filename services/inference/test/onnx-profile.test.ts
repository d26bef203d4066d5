// inference.onnx_profile_dir: ONNX Runtime's own profiler, one Chrome trace per session, written at shutdown.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, repoRoot } from '@sluice/service-kit';
import { InferenceCore, inferenceSettingsSchema } from '../src/index.js';

describe('ONNX Runtime profiling', () => {
  it('writes an operator-level trace per session when onnx_profile_dir is set', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-ort-profile-'));
    try {
      const settings = inferenceSettingsSchema.parse({
        classifier_models: ['sluice-sentiment-afinn'],
        cache_max_megabytes: 0,
        onnx_profile_dir: dir,
      });
      const core = new InferenceCore({ settings, repoRoot, logger: createLogger('test', 'silent') });
      await core.start();
      const { outcomes } = await core.embed('', [
        { text: 'the senate passed the budget' },
        { text: 'a new railway line opens' },
      ]);
      expect(outcomes.every((o) => !('error' in o))).toBe(true);
      await core.close();
      const files = readdirSync(dir).sort();
      expect(files.some((f) => /^onnxruntime_profile_sluice-embed-glove-100d_.*\.json$/.test(f))).toBe(true);
      expect(files.some((f) => /^onnxruntime_profile_sluice-sentiment-afinn_.*\.json$/.test(f))).toBe(true);
      const trace = JSON.parse(
        readFileSync(
          path.join(
            dir,
            files.find((f) => f.includes('glove'))!,
          ),
          'utf8',
        ),
      ) as Array<{ cat: string; name: string; dur: number }>;
      // Session events plus one event per operator run ("Node" category, e.g. Gather_kernel_time).
      expect(trace.some((e) => e.cat === 'Session' && e.name === 'model_run')).toBe(true);
      expect(trace.some((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time') && e.dur >= 0)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is off by default', () => {
    expect(inferenceSettingsSchema.parse({}).onnx_profile_dir).toBe('');
  });
});
