// nvidia-smi's CSV lines (Linux and Windows line endings) to the GPU gauges' values.
import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '@sluice/service-kit';
import { declareGpuGauges, parseGpuLine } from '../src/gpu-monitor.js';

describe('GPU monitor', () => {
  it('reads index, utilization, used and total memory (MiB) from one CSV line', () => {
    expect(parseGpuLine('0, 87, 20480, 32768\r')).toEqual({
      gpu: '0',
      utilization: 0.87,
      usedBytes: 20480 * 1024 * 1024,
      totalBytes: 32768 * 1024 * 1024,
    });
  });

  it('skips lines that are not a GPU (errors, "[N/A]" values, blank)', () => {
    expect(parseGpuLine('')).toBeUndefined();
    expect(parseGpuLine('0, [N/A], 100, 200')).toBeUndefined();
    expect(parseGpuLine('No devices were found')).toBeUndefined();
  });

  it('declares the gauges on any machine, so dashboards and alerts can name them', async () => {
    const registry = createMetricsRegistry('inference');
    declareGpuGauges(registry);
    const text = await registry.metrics();
    for (const name of [
      'sluice_inference_gpu_utilization_ratio',
      'sluice_inference_gpu_memory_bytes',
      'sluice_inference_gpu_memory_total_bytes',
    ])
      expect(text).toContain(`# TYPE ${name} gauge`);
  });
});
