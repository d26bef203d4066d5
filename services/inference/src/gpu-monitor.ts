// Device utilization and memory, sampled from nvidia-smi while a model runs on CUDA (no Node.js API
// exposes them). The gauges are always declared (dashboards and alert rules can name them on any machine);
// without a CUDA model or the tool they simply have no samples.
import { execFile } from 'node:child_process';
import { Gauge, type Registry } from '@sluice/service-kit';

export interface GpuGauges {
  utilization: Gauge<'gpu'>;
  memory: Gauge<'gpu'>;
  memoryTotal: Gauge<'gpu'>;
}

export function declareGpuGauges(registry: Registry): GpuGauges {
  return {
    utilization: new Gauge({
      name: 'sluice_inference_gpu_utilization_ratio',
      help: 'GPU utilization (0..1) sampled from nvidia-smi',
      labelNames: ['gpu'],
      registers: [registry],
    }),
    memory: new Gauge({
      name: 'sluice_inference_gpu_memory_bytes',
      help: 'GPU memory in use, sampled from nvidia-smi',
      labelNames: ['gpu'],
      registers: [registry],
    }),
    memoryTotal: new Gauge({
      name: 'sluice_inference_gpu_memory_total_bytes',
      help: 'GPU memory installed, from nvidia-smi',
      labelNames: ['gpu'],
      registers: [registry],
    }),
  };
}

/** One nvidia-smi CSV line (index, utilization %, used MiB, total MiB) → values, or undefined when it is not one. */
export function parseGpuLine(
  line: string,
): { gpu: string; utilization: number; usedBytes: number; totalBytes: number } | undefined {
  const [index, util, used, total] = line.split(',').map((v) => v.trim());
  if (!index || util === undefined || used === undefined || total === undefined) return undefined;
  const values = [Number(util), Number(used), Number(total)];
  if (values.some((v) => !Number.isFinite(v))) return undefined;
  return {
    gpu: index,
    utilization: values[0]! / 100,
    usedBytes: values[1]! * 1024 * 1024,
    totalBytes: values[2]! * 1024 * 1024,
  };
}

export function startGpuMonitor(gauges: GpuGauges, intervalMs = 5000): () => void {
  const sample = () =>
    execFile(
      'nvidia-smi',
      ['--query-gpu=index,utilization.gpu,memory.used,memory.total', '--format=csv,noheader,nounits'],
      { timeout: 4000 },
      (error, stdout) => {
        if (error) return;
        for (const line of stdout.trim().split(/\r?\n/)) {
          const gpu = parseGpuLine(line);
          if (!gpu) continue;
          gauges.utilization.set({ gpu: gpu.gpu }, gpu.utilization);
          gauges.memory.set({ gpu: gpu.gpu }, gpu.usedBytes);
          gauges.memoryTotal.set({ gpu: gpu.gpu }, gpu.totalBytes);
        }
      },
    );
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
