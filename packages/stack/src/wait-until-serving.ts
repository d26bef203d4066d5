import { sleep } from '@sluice/common';
import { checkHealth } from '@sluice/protocol';
import type { ServiceProcess } from './service-process.js';

/** Polls the service's gRPC health until SERVING; fails early if the process exits. */
export async function waitUntilServing(proc: ServiceProcess, grpcAddress: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${proc.name} exited during start-up:\n${proc.tail()}`);
    if ((await checkHealth(grpcAddress, '', 1000)) === 'SERVING') return;
    await sleep(150);
  }
  throw new Error(`${proc.name} was not ready after ${timeoutMs} ms:\n${proc.tail()}`);
}
