// `pnpm bench:peers`: installs what `pnpm bench inference` compares Sluice with, outside the workspace (so
// CI and `pnpm install` stay small): transformers.js into .bench-peers/ (its install scripts are skipped:
// the bundled CPU runtime is all the comparison uses), and says how to get PyTorch.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TRANSFORMERS_JS = '@huggingface/transformers@4.3.2';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = path.join(root, '.bench-peers');
mkdirSync(target, { recursive: true });
if (!existsSync(path.join(target, 'package.json')))
  writeFileSync(path.join(target, 'package.json'), '{ "name": "sluice-bench-peers", "private": true }\n');
const npm = spawnSync(
  'npm',
  ['install', '--prefix', target, '--ignore-scripts', '--no-audit', '--no-fund', TRANSFORMERS_JS],
  { stdio: 'inherit', shell: process.platform === 'win32' },
);
if (npm.status !== 0) process.exit(npm.status ?? 1);
const python = process.env.SLUICE_BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const torch = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
console.log(
  torch.status === 0
    ? `PyTorch ${torch.stdout.trim()} found (${python})`
    : `PyTorch not found in ${python}: on Debian, apt-get install -y python3-torch (or set SLUICE_BENCH_PYTHON)`,
);
