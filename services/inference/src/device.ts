// Device selection: which ONNX Runtime execution providers to try, in order, and what to do when one fails.
import { existsSync, readdirSync } from 'node:fs';

export const DEVICES = ['auto', 'cuda', 'dml', 'webgpu', 'cpu'] as const;
export type DeviceName = (typeof DEVICES)[number];

/**
 * Whether a Linux machine has a GPU device node (DRM render node or NVIDIA device). Without one the only
 * Vulkan device WebGPU could find is a software one (Mesa's lavapipe), slower than the CPU provider.
 */
export function hasGpuDeviceNode(): boolean {
  try {
    if (existsSync('/dev/nvidia0')) return true;
    return existsSync('/dev/dri') && readdirSync('/dev/dri').some((name) => name.startsWith('renderD'));
  } catch {
    return false;
  }
}

/**
 * Providers to try for a configured device. `auto` tries the GPU providers onnxruntime-node can have on
 * this platform (CUDA on Linux when its libraries are installed, DirectML on Windows, WebGPU), then the CPU.
 * Asking for a missing provider throws at session creation, so each is tried and the first that works wins.
 * On Linux `auto` tries WebGPU only where a GPU device node exists (`gpu`), so it never settles on a software
 * Vulkan adapter; `device: webgpu` still uses one.
 */
export function providerCandidates(
  device: DeviceName,
  platform: NodeJS.Platform,
  gpu = platform === 'linux' ? hasGpuDeviceNode() : true,
): string[] {
  if (device !== 'auto') return [device];
  if (platform === 'win32') return ['dml', 'webgpu', 'cpu'];
  if (platform === 'linux') return gpu ? ['cuda', 'webgpu', 'cpu'] : ['cuda', 'cpu'];
  return ['cpu'];
}

/** What a user does when a provider they asked for cannot start. */
export function providerFix(provider: string, platform: NodeJS.Platform): string {
  switch (provider) {
    case 'cuda':
      return platform === 'linux'
        ? "install the CUDA provider libraries (ONNXRUNTIME_NODE_INSTALL=cuda12, then re-run onnxruntime-node's install script; CUDA 12 and cuDNN 9 must be on the library path) or set inference.device to auto or cpu"
        : 'onnxruntime-node has no CUDA provider on this platform: set inference.device to auto, dml (Windows) or cpu';
    case 'dml':
      return platform === 'win32'
        ? 'DirectML needs Windows 10 1903+ with a DirectX 12 GPU driver; or set inference.device to auto or cpu'
        : 'DirectML exists only on Windows: set inference.device to auto or cpu';
    case 'webgpu':
      return 'WebGPU needs a GPU adapter (a Vulkan driver on Linux, D3D12 on Windows); or set inference.device to auto or cpu';
    default:
      return 'set inference.device to auto or cpu';
  }
}

export interface ProviderAttempt<T> {
  provider: string;
  result?: T;
  error?: string;
}

/**
 * Opens something (a session) with the first provider that works: tries `candidates` in order, records each
 * failure, and for a single configured provider throws an error that names the fix. Errors with code
 * `model_error` (the folder lacks the graph asked for) are thrown at once.
 */
export async function openWithFallback<T>(
  candidates: readonly string[],
  open: (provider: string) => Promise<T>,
  platform: NodeJS.Platform,
): Promise<{ provider: string; result: T; tried: string[] }> {
  const tried: string[] = [];
  for (const provider of candidates) {
    try {
      const result = await open(provider);
      return { provider, result, tried };
    } catch (error) {
      // A fault of the model folder, not of the provider: trying others would hide it.
      if ((error as { code?: string }).code === 'model_error') throw error;
      tried.push(`${provider}: ${(error as Error).message.split('\n')[0]!.slice(0, 200)}`);
    }
  }
  const last = candidates.at(-1)!;
  const fix = candidates.length === 1 ? `: ${providerFix(last, platform)}` : '';
  throw Object.assign(new Error(`no execution provider could start (${tried.join('; ')})${fix}`), {
    code: 'provider_unavailable',
  });
}
