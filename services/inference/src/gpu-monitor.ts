// Device utilization and memory, sampled from nvidia-smi while a model runs on CUDA (no Node.js API
// exposes them). Absent GPU or tool: the gauges are simply not set.
import { execFile } from 'node:child_process';
import { Gauge, type Registry } from '@sluice/service-kit';

export function startGpuMonitor(registry: Registry, intervalMs = 5000): () => void {
  const utilization = new Gauge({ name: 'sluice_inference_gpu_utilization_ratio', help: 'GPU utilization (0..1) sampled from nvidia-smi', labelNames: ['gpu'], registers: [registry] });
  const memory = new Gauge({ name: 'sluice_inference_gpu_memory_bytes', help: 'GPU memory in use, sampled from nvidia-smi', labelNames: ['gpu'], registers: [registry] });
  const sample = () =>
    execFile('nvidia-smi', ['--query-gpu=index,utilization.gpu,memory.used', '--format=csv,noheader,nounits'], { timeout: 4000 }, (error, stdout) => {
      if (error) return;
      for (const line of stdout.trim().split('\n')) {
        const [index, util, used] = line.split(',').map((v) => v.trim());
        if (index === undefined) continue;
        utilization.set({ gpu: index }, Number(util) / 100);
        memory.set({ gpu: index }, Number(used) * 1024 * 1024);
      }
    });
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
