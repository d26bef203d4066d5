#!/usr/bin/env node
// The `sluice` command line: pnpm start = `sluice start`; see README.md.
import { Command } from 'commander';
import { modelsPull } from './models-pull.js';
import { prepare } from './prepare.js';
import { start } from './start.js';

const program = new Command();
program.name('sluice').description('Sluice: a GPU-batched content pipeline').showHelpAfterError();

program
  .command('start')
  .description('prepare, start all services, run the bundled sample source end to end, print a summary')
  .option('--items <n>', 'sample items to run ("all" for the whole corpus)', '3000')
  .option('--serve', 'keep all services and the HTTP API running afterwards (Ctrl+C stops them)', false)
  .option('--no-sample', 'do not run the sample source (use with --serve)')
  .action(async (options: { items: string; serve: boolean; sample: boolean }) => {
    await start({ items: options.items, serve: options.serve, noSample: !options.sample });
  });

program
  .command('prepare')
  .description('build the built-in models and the sample corpus (idempotent)')
  .option('--quiet', 'print nothing on success', false)
  .action(async (options: { quiet: boolean }) => {
    await prepare({ quiet: options.quiet });
  });

const models = program.command('models').description('manage model folders');
models
  .command('pull <repo>')
  .description('download a model folder (HF/Optimum ONNX layout) from the Hugging Face hub, pinned and checksum-verified, resumable')
  .option('--revision <rev>', 'branch, tag or commit (pinned to its commit)', 'main')
  .option('--dir <path>', 'target folder (default .models/<name>)')
  .option('--endpoint <url>', 'hub URL (default https://huggingface.co or $HF_ENDPOINT)')
  .action(async (repo: string, options: { revision: string; dir?: string; endpoint?: string }) => {
    await modelsPull(repo, options);
  });

// `pnpm start -- --serve` passes the "--" through to the script (`pnpm start --serve` does not, and Windows
// PowerShell's npx.ps1 swallows it); drop it so the options reach the command either way.
const argv = [...process.argv];
const separator = argv.indexOf('--', 2);
if (separator !== -1) argv.splice(separator, 1);

program.parseAsync(argv).catch((error: Error) => {
  console.error(`sluice: ${error.message}`);
  process.exit(1);
});
