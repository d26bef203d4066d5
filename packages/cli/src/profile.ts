// `sluice profile`: one run of the sample source through all six services with V8's CPU profiler on in
// every process (main and worker threads), then each service's top frames by self time. The .cpuprofile
// files stay in the output folder for Chrome DevTools (Performance → Load profile) or speedscope.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '@sluice/service-kit';
import {
  SERVICE_NAMES,
  createTestDatabase,
  runSources,
  startStack,
  type ServiceName,
  type TestDatabase,
} from '@sluice/stack';
import {
  formatTopFrames,
  mergeSummaries,
  summarizeProfile,
  type CpuProfile,
  type ProfileSummary,
} from './cpu-profile.js';
import { paths } from './paths.js';
import { prepare } from './prepare.js';
import { writeSampleSubset } from './sample-corpus.js';
import { SAMPLE_SOURCE_ID, sampleSourceEnv } from './start.js';

export interface ProfileOptions {
  /** Sample items to run. */
  items: number;
  /** Folder for the profiles (one sub-folder per service); default .data/profiles/<time>. */
  out?: string;
  /** Frames to print per service. */
  top: number;
  /** V8 sampling interval in microseconds (--cpu-prof-interval; V8's default is 1000). */
  intervalMicroseconds: number;
  log?: (line: string) => void;
}

export interface ServiceProfile {
  files: string[];
  summary: ProfileSummary;
}

export interface ProfileResult {
  dir: string;
  items: number;
  seconds: number;
  services: Record<ServiceName, ServiceProfile>;
}

export async function profile(options: ProfileOptions): Promise<ProfileResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const prepared = await prepare({ quiet: true });
  const dir = path.resolve(
    options.out ?? path.join(paths.data, 'profiles', new Date().toISOString().replace(/[:.]/g, '-')),
  );
  mkdirSync(dir, { recursive: true });
  const scratch = mkdtempSync(path.join(tmpdir(), 'sluice-profile-'));
  const sampleFile = path.join(scratch, 'sample-source.jsonl');
  const items = await writeSampleSubset(prepared.corpus, sampleFile, options.items);
  // A database of its own: a fresh one on the server when DATABASE_URL is set, else an embedded one in scratch.
  let database: TestDatabase | undefined;
  const env: NodeJS.ProcessEnv = {
    ...sampleSourceEnv(sampleFile),
    SLUICE__LOG__LEVEL: 'warn',
    SLUICE_API_KEY: process.env.SLUICE_API_KEY ?? 'sluice-profile',
  };
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase('sluice_profile');
    env.DATABASE_URL = database.url;
  } else {
    env.SLUICE__PERSISTENCE__DATA_DIR = path.join(scratch, 'pglite');
  }
  const flags = (name: ServiceName) => [
    '--cpu-prof',
    `--cpu-prof-dir=${path.join(dir, name)}`,
    `--cpu-prof-interval=${options.intervalMicroseconds}`,
  ];
  let seconds = 0;
  const window = { fromMicroseconds: 0, toMicroseconds: 0 };
  const now = () => Number(process.hrtime.bigint() / 1000n);
  try {
    log(`Profiling ${items} sample items through ${SERVICE_NAMES.join(', ')} (CPU profiles in ${dir})…`);
    const stack = await startStack({
      env,
      serviceNodeFlags: Object.fromEntries(SERVICE_NAMES.map((name) => [name, flags(name)])),
      logDir: path.join(dir, 'logs'),
    });
    try {
      window.fromMicroseconds = now();
      const final = await runSources({
        collectorAddress: stack.addresses.collector!.grpcAddress,
        sourceIds: [SAMPLE_SOURCE_ID],
      });
      window.toMicroseconds = now();
      seconds = (window.toMicroseconds - window.fromMicroseconds) / 1e6;
      log(
        `Run: ${final.acknowledged} items acknowledged (${final.dead_lettered} dead-lettered) in ${seconds.toFixed(1)} s, ${(final.acknowledged / seconds).toFixed(0)} items/s`,
      );
    } finally {
      // Each process writes its profile as it exits: stop gracefully.
      await stack.stop();
    }
  } finally {
    await database?.drop();
    rmSync(scratch, { recursive: true, force: true });
  }

  const services = {} as Record<ServiceName, ServiceProfile>;
  for (const name of SERVICE_NAMES) {
    const folder = path.join(dir, name);
    const files = readdirSafe(folder)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(folder, f));
    // Only the run counts: start-up (module loading, model warm-up) and shutdown are left out.
    const summary = mergeSummaries(
      files.map((file) => summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, window)),
    );
    services[name] = { files, summary };
    const busy = (summary.totalMicroseconds - summary.idleMicroseconds) / 1e6;
    log(
      `\n== ${name}: ${files.length} thread${files.length === 1 ? '' : 's'}, ${busy.toFixed(2)} CPU-s busy during the ${seconds.toFixed(1)} s run (${((100 * busy) / Math.max(seconds, 1e-9)).toFixed(0)}% of one core) ==`,
    );
    log(formatTopFrames(summary, options.top, repoRoot));
  }
  log(
    `\nOpen a .cpuprofile in Chrome DevTools (Performance → Load profile) or speedscope for call trees; docs/profiling.md explains how to read them.`,
  );
  return { dir, items, seconds, services };
}

function readdirSafe(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}
