// The PyTorch side: bench/peers/pytorch_bert.py in a child process (Debian's python3-torch, CPU), driven over
// stdin/stdout one JSON line at a time. Absent (no Python, or no torch in it) → undefined, with the reason.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PeerRunner } from './peer-runner.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pytorch_bert.py');

/** SLUICE_BENCH_PYTHON, else Debian's interpreter (python3-torch installs there), else the one on PATH. */
function python(): string {
  if (process.env.SLUICE_BENCH_PYTHON) return process.env.SLUICE_BENCH_PYTHON;
  if (existsSync('/usr/bin/python3')) return '/usr/bin/python3';
  return process.platform === 'win32' ? 'python' : 'python3';
}

export async function openPytorch(
  folder: string,
  texts: readonly string[],
  batch: number,
): Promise<{ runner?: PeerRunner; absent?: string }> {
  const interpreter = python();
  const probe = spawnSync(interpreter, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const why = probe.error ? `${interpreter} not found` : `${interpreter} has no torch`;
    return { absent: `${why} (Debian: apt-get install -y python3-torch; or set SLUICE_BENCH_PYTHON)` };
  }
  const child = spawn(interpreter, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const request = lineClient(child, () => stderr);
  const ready = (await request({ folder, texts, batch })) as { threads: number; torch: string; blas: string };
  return {
    runner: {
      version: `torch ${ready.torch}, ${ready.threads} threads, BLAS ${ready.blas}`,
      async measure(ms) {
        return (await request({ measure_ms: ms })) as { items: number; seconds: number };
      },
      async embed(text) {
        return Float32Array.from(((await request({ embed: text })) as { vector: number[] }).vector);
      },
      async close() {
        child.stdin.end();
        await new Promise((resolve) => child.once('exit', resolve));
      },
    },
  };
}

function lineClient(
  child: ChildProcessWithoutNullStreams,
  stderr: () => string,
): (message: unknown) => Promise<unknown> {
  const waiting: Array<{ resolve: (v: unknown) => void; reject: (e: Error) => void }> = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.resolve(JSON.parse(line)));
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`PyTorch side exited (${code}): ${stderr()}`));
  });
  return (message) =>
    new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin.write(`${JSON.stringify(message)}\n`);
    });
}
