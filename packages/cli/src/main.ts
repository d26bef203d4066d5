#!/usr/bin/env node
// The `sluice` command line: pnpm start = `sluice start`; see README.md.
import { Command, Option } from 'commander';
import { discardDeadLetters, listDeadLetters, replayDeadLetters, showDeadLetter } from './dead-letters.js';
import { modelsPull } from './models-pull.js';
import { prepare } from './prepare.js';
import { profile } from './profile.js';
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

program
  .command('profile')
  .description(
    "run the sample source once with a CPU profile of every service; print each service's top frames by self time",
  )
  .option('--items <n>', 'sample items to run', '2000')
  .option('--out <dir>', 'folder for the .cpuprofile files (default .data/profiles/<time>)')
  .option('--top <n>', 'frames to print per service', '15')
  .option('--interval-us <n>', 'sampling interval in microseconds', '1000')
  .action(async (options: { items: string; out?: string; top: string; intervalUs: string }) => {
    const number = (value: string, name: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
      return n;
    };
    await profile({
      items: number(options.items, '--items'),
      out: options.out,
      top: number(options.top, '--top'),
      intervalMicroseconds: number(options.intervalUs, '--interval-us'),
    });
  });

const models = program.command('models').description('manage model folders');
models
  .command('pull <repo>')
  .description(
    'download a model folder (HF/Optimum ONNX layout) from the Hugging Face hub, pinned and checksum-verified, resumable',
  )
  .option('--revision <rev>', 'branch, tag or commit (pinned to its commit)', 'main')
  .option('--dir <path>', 'target folder (default .models/<name>)')
  .option('--endpoint <url>', 'hub URL (default https://huggingface.co or $HF_ENDPOINT)')
  .action(async (repo: string, options: { revision: string; dir?: string; endpoint?: string }) => {
    await modelsPull(repo, options);
  });

// Dead letters through the HTTP API of a running Sluice (pnpm start -- --serve, or a deployment).
const collect = (value: string, previous: string[] = []) => [...previous, value];
const api = (command: Command) =>
  command
    .option('--url <url>', 'API base URL (default $SLUICE_URL, else the configured gateway port on 127.0.0.1)')
    .option('--key <key>', 'API key (default $SLUICE_API_KEY, else .data/api-key)')
    .option('--json', 'print JSON', false);
const filters = (command: Command) =>
  command
    .option('--source <id>', 'source id (repeat for several)', collect)
    .addOption(
      new Option('--stage <stage>', 'stage that rejected the item').choices([
        'collector',
        'transformer',
        'inference',
        'scorer',
        'persistence',
      ]),
    )
    .option('--reason <code>', 'reason code (repeat for several)', collect)
    .option('--since <time>', 'last failed at or after (ISO 8601 or Unix ms)')
    .option('--until <time>', 'last failed before (ISO 8601 or Unix ms)');
const deadLetters = program
  .command('dead-letters')
  .description('see, replay and discard items the pipeline could not process');
filters(api(deadLetters.command('list').description('list dead letters, newest first')))
  .option('--limit <n>', 'page size (default 50)')
  .option('--all', 'every page', false)
  .action((options) => listDeadLetters(options, options));
api(deadLetters.command('show <id>').description('one dead letter with its payload')).action((id: string, options) =>
  showDeadLetter(options, id, options),
);
filters(
  api(
    deadLetters
      .command('replay [ids...]')
      .description('send dead letters through the pipeline again (by ids, or the oldest matching the filters)'),
  ),
)
  .option('--limit <n>', 'most to replay when selecting by filters (default 100)')
  .action((ids: string[], options) => replayDeadLetters(options, ids, options));
filters(
  api(
    deadLetters
      .command('discard [ids...]')
      .description('delete dead letters (by ids, or every one matching the filters)'),
  ),
)
  .option('--all', 'with no ids and no filters: every dead letter', false)
  .action((ids: string[], options) => discardDeadLetters(options, ids, options));

// `pnpm start -- --serve` passes the "--" through to the script (`pnpm start --serve` does not, and Windows
// PowerShell's npx.ps1 swallows it); drop it so the options reach the command either way.
const argv = [...process.argv];
const separator = argv.indexOf('--', 2);
if (separator !== -1) argv.splice(separator, 1);

program.parseAsync(argv).catch((error: Error) => {
  console.error(`sluice: ${error.message}`);
  process.exit(1);
});
