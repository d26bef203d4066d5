// Device selection: which ONNX Runtime execution providers to try, in order.
export const DEVICES = ['auto', 'cuda', 'dml', 'webgpu', 'cpu'] as const;
export type DeviceName = (typeof DEVICES)[number];

/**
 * Providers to try for a configured device. `auto` tries the GPU providers onnxruntime-node can have on
 * this platform (CUDA on Linux when its libraries are installed, DirectML on Windows, WebGPU), then the CPU.
 * Asking for a missing provider throws at session creation, so each is tried and the first that works wins.
 */
export function providerCandidates(device: DeviceName, platform: NodeJS.Platform): string[] {
  if (device !== 'auto') return [device];
  if (platform === 'win32') return ['dml', 'webgpu', 'cpu'];
  if (platform === 'linux') return ['cuda', 'webgpu', 'cpu'];
  return ['cpu'];
}
