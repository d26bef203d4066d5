// Regenerates src/generated/ from protos/ with proto-loader-gen-types, using the same loader options as
// src/load.ts so the types match what @grpc/proto-loader produces at run time. Run: pnpm gen:proto
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const protosRoot = path.resolve(here, '../../../protos');
const outDir = path.resolve(here, '../src/generated');
const require = createRequire(import.meta.url);
const cli = path.join(
  path.dirname(require.resolve('@grpc/proto-loader/package.json')),
  'build/bin/proto-loader-gen-types.js',
);
const files = readdirSync(path.join(protosRoot, 'sluice/v1'))
  .filter((f) => f.endsWith('.proto'))
  .map((f) => `sluice/v1/${f}`);

rmSync(outDir, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    cli,
    '--keepCase',
    '--longs=Number',
    '--enums=String',
    '--defaults',
    '--oneofs',
    '--grpcLib=@grpc/grpc-js',
    '--importFileExtension=.js',
    '--outDir',
    outDir,
    `--includeDirs=${protosRoot}`,
    '--includeComments',
    ...files,
  ],
  { stdio: 'inherit' },
);
for (const f of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
  if (!f.isFile()) continue;
  const p = path.join(f.parentPath, f.name);
  writeFileSync(
    p,
    readFileSync(p, 'utf8')
      .replaceAll(protosRoot + path.sep, 'protos/')
      .replaceAll(protosRoot + '/', 'protos/'),
  );
}
console.log(`generated types for ${files.length} proto files in ${path.relative(process.cwd(), outDir)}`);
