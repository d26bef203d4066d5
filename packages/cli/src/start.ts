// `sluice start`: the main job. Prepares models and sample data, starts every service as its own process,
// runs the bundled sample source through the whole pipeline with a progress bar, prints a summary, and stops
// (or keeps everything running with --serve).
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import {
  STREAM_STAGES,
  call,
  connect,
  type CountItemsResponse__Output,
  type PersistenceClient,
} from '@sluice/protocol';
import {
  canListen,
  SERVICE_NAMES,
  busyAddresses,
  runSourcesResuming,
  startStack,
  type GaveUp,
  type Stack,
  type StackAddresses,
  type SupervisorEvent,
} from '@sluice/stack';
import { createMetricsRegistry, loadServiceConfig, startOpsServer, type OpsServer } from '@sluice/service-kit';
import { cliSettingsSchema, restartPolicy, type CliSettings } from './cli-settings.js';
import { paths } from './paths.js';
import { prepare } from './prepare.js';
import { writeSampleSubset } from './sample-corpus.js';
import { fetchStageStats, type StageStats } from './stage-summary.js';
import { describeSupervisorEvent } from './supervisor-messages.js';

export const SAMPLE_SOURCE_ID = 'sample-sotu';

export interface StartOptions {
  /** Items of the sample corpus to run ("all" or a number). */
  items: string;
  /** Keep all services and the HTTP API running after the run. */
  serve: boolean;
  /** Skip the sample run (with --serve: just start the services). */
  noSample: boolean;
}

function apiKey(): string {
  if (process.env.SLUICE_API_KEY) return process.env.SLUICE_API_KEY;
  mkdirSync(paths.data, { recursive: true });
  if (existsSync(paths.apiKeyFile)) return readFileSync(paths.apiKeyFile, 'utf8').trim();
  const key = `sk_${randomBytes(24).toString('base64url')}`;
  writeFileSync(paths.apiKeyFile, `${key}\n`, { mode: 0o600 });
  return key;
}

function loadCliConfig(): { addresses: StackAddresses; settings: CliSettings } {
  const { services, settings } = loadServiceConfig('cli', cliSettingsSchema);
  const addresses = Object.fromEntries(
    Object.entries(services).map(([name, s]) => [
      name,
      { grpcAddress: s.grpc_address, httpPort: s.http_port, opsPort: s.ops_port },
    ]),
  );
  return { addresses, settings };
}

/** A supervisor event on the terminal and, as a JSON line, in logs/supervisor.log. */
function reportSupervisorEvent(event: SupervisorEvent): void {
  console.log(`\n  ${describeSupervisorEvent(event)}`);
  try {
    mkdirSync(paths.logs, { recursive: true });
    appendFileSync(
      path.join(paths.logs, 'supervisor.log'),
      `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`,
    );
  } catch {
    /* the terminal line is the one that matters */
  }
}

/** The run was stopped because a service kept crashing. */
export class ServiceFailedError extends Error {
  override readonly name = 'ServiceFailedError';
  constructor(readonly failure: GaveUp) {
    super(
      `${failure.service} kept crashing (${failure.restartsInWindow} restarts within ${(failure.windowMs / 1000).toFixed(0)} s); see ${path.join(paths.logs, `${failure.service}.log`)}`,
    );
  }
}

/** The sample source as the collector's source declaration, passed as an environment override. */
export function sampleSourceEnv(file: string): NodeJS.ProcessEnv {
  const source = {
    id: SAMPLE_SOURCE_ID,
    kind: 'jsonl',
    path: file,
    priority: 5,
    weight: 0.6,
    interval_seconds: 3600,
    enabled: true,
  };
  return { SLUICE__COLLECTOR__SOURCES: JSON.stringify([source]) };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export async function start(options: StartOptions): Promise<void> {
  const startedAt = Date.now();
  console.log('Sluice: preparing models and sample data…');
  const prepared = await prepare();
  const limit = options.items === 'all' ? prepared.corpus.items : Math.max(1, Number.parseInt(options.items, 10) || 0);
  const sampleFile = path.join(paths.sample, 'sample-source.jsonl');
  const itemCount = await writeSampleSubset(prepared.corpus, sampleFile, limit);

  const key = apiKey();
  const database = process.env.DATABASE_URL
    ? `PostgreSQL at ${new URL(process.env.DATABASE_URL).host}`
    : `embedded PostgreSQL (PGlite) in ${path.join(paths.data, 'pglite')}`;
  console.log(
    `Starting services (${SERVICE_NAMES.join(', ')}) as separate processes; database: ${database}; logs in ${paths.logs}`,
  );
  const { addresses, settings } = loadCliConfig();
  let stack: Stack | undefined;
  let metricsServer: OpsServer | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (why: string): Promise<void> => {
    stopping ??= (async () => {
      const s = stack;
      if (s) {
        console.log(
          `\n${why}: stopping services (draining in-flight items, at most ${settings.stop_timeout_seconds} s)…`,
        );
        const began = Date.now();
        await s.stop(settings.stop_timeout_seconds * 1000);
        console.log(`Services stopped in ${seconds(Date.now() - began)}.`);
      }
      await metricsServer?.close();
    })();
    return stopping;
  };
  // Ctrl+C, SIGTERM, and the IPC {type: "shutdown"} message (how a parent stops `sluice start` on Windows).
  const interrupted = (why: string) => void stop(why).then(() => process.exit(130));
  process.once('SIGINT', () => interrupted('Ctrl+C'));
  process.once('SIGTERM', () => interrupted('SIGTERM'));
  process.on('message', (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type === 'shutdown') interrupted('shutdown requested');
  });
  const busy = await busyAddresses(addresses);
  if (settings.metrics_port > 0 && !(await canListen(settings.metrics_port)))
    busy.push(`cli metrics port ${settings.metrics_port}`);
  if (busy.length > 0) {
    throw new Error(
      `these configured ports are already in use: ${busy.join(', ')}. Is another Sluice still running (pnpm start --serve)? ` +
        'Stop it, or choose other ports under services: in config/sluice.yaml or with SLUICE__SERVICES__<NAME>__GRPC_ADDRESS / SLUICE__SERVICES__<NAME>__HTTP_PORT (SLUICE__CLI__METRICS_PORT for the CLI).',
    );
  }
  const registry = createMetricsRegistry('cli');
  if (settings.metrics_port > 0) {
    metricsServer = await startOpsServer({
      port: settings.metrics_port,
      host: '127.0.0.1',
      registry,
      isReady: () => stack !== undefined,
    });
  }
  try {
    stack = await startStack({
      addresses,
      env: { SLUICE_API_KEY: key, ...sampleSourceEnv(sampleFile) },
      logDir: paths.logs,
      restart: restartPolicy(settings),
      registry,
      stopTimeoutMs: settings.stop_timeout_seconds * 1000,
      onSupervisorEvent: reportSupervisorEvent,
      onStatus: (name, status, pid) => {
        if (status === 'ready') console.log(`  ✓ ${name} ready (pid ${pid})`);
      },
    });
    const failed = stack.failure.then((failure) => {
      throw new ServiceFailedError(failure);
    });
    failed.catch(() => undefined);
    const ready = Date.now();
    console.log(`All services ready in ${seconds(ready - startedAt)}.`);

    if (!options.noSample) {
      console.log(
        `\nRunning the sample source (${itemCount} State of the Union passages) through collector → transformer → inference → scorer → persistence`,
      );
      const bar = new cliProgress.SingleBar(
        {
          format: '  {bar} {percentage}% | {value}/{total} items durable | {rate} items/s | dead-lettered {dead}',
          hideCursor: true,
          noTTYOutput: true,
          notTTYSchedule: 5000,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(itemCount, 0, { rate: '0', dead: 0 });
      // The sample replays on every start (its checkpoint is reset): stored items upsert in place, so a replay
      // shows idempotence instead of an empty run.
      await resetCheckpoint(stack, SAMPLE_SOURCE_ID);
      const runStarted = Date.now();
      const final = await Promise.race([
        failed,
        runSourcesResuming({
          stack,
          sourceIds: [SAMPLE_SOURCE_ID],
          onProgress: (p) =>
            bar.update(Math.min(itemCount, p.acknowledged), {
              rate: (p.acknowledged / Math.max(0.001, (Date.now() - runStarted) / 1000)).toFixed(0),
              dead: p.dead_lettered,
            }),
          onResume: (reason) => console.log(`\n  ↻ resuming the sample source from its last checkpoint (${reason})`),
        }),
      ]);
      bar.update(Math.min(itemCount, final.acknowledged));
      bar.stop();
      const runMs = Date.now() - runStarted;
      await printSummary(stack, final, runMs);
    }

    if (options.serve) {
      const api = stack.httpUrl('gateway');
      console.log(`\nServing. HTTP API: ${api}  (docs: ${api}/docs)`);
      // Windows PowerShell 5.1 aliases `curl` to Invoke-WebRequest; curl.exe ships with Windows 10 and later.
      const curl = process.platform === 'win32' ? 'curl.exe' : 'curl';
      console.log(`API key: ${key}   e.g. ${curl} -H "Authorization: Bearer ${key}" "${api}/v1/items?limit=5"`);
      console.log(`Supervisor metrics: http://127.0.0.1:${settings.metrics_port}/metrics. Press Ctrl+C to stop.`);
      await failed;
    }
  } catch (error) {
    // Ctrl+C while starting or running: the stop in progress decides how this ends, not the broken calls.
    if (stopping) {
      await stopping;
      return new Promise<void>(() => undefined);
    }
    throw error;
  } finally {
    await stop('Finished');
  }
  console.log(`Done in ${seconds(Date.now() - startedAt)}.`);
}

function persistenceClient(stack: Stack): PersistenceClient {
  return connect('Persistence', stack.addresses.persistence!.grpcAddress);
}

async function resetCheckpoint(stack: Stack, sourceId: string): Promise<void> {
  const client = persistenceClient(stack);
  try {
    await call(client, 'SaveSourceState', { state: { source_id: sourceId, cursor_json: '' } }, 10_000);
  } finally {
    client.close();
  }
}

async function printSummary(
  stack: Stack,
  final: { collected: number; acknowledged: number; stored: number; dead_lettered: number; source_errors: number },
  runMs: number,
): Promise<void> {
  const stats: StageStats[] = [];
  for (const stage of STREAM_STAGES) {
    const s = await fetchStageStats(stage, `${stack.httpUrl(stage)}/metrics`);
    if (s) stats.push(s);
  }
  let counts: CountItemsResponse__Output | undefined;
  try {
    const client = persistenceClient(stack);
    counts = await call(client, 'CountItems', { source_ids: [SAMPLE_SOURCE_ID] }, 10_000);
    client.close();
  } catch {
    counts = undefined;
  }
  const rate = (n: number) => (n / Math.max(0.001, runMs / 1000)).toFixed(1);
  console.log('\nSummary');
  console.log(`  collected        ${final.collected}`);
  console.log(`  acknowledged     ${final.acknowledged} (durable: stored, unchanged or dead-lettered)`);
  console.log(
    `  stored (new/upd) ${final.stored}${final.stored < final.acknowledged ? ' (the rest were already stored and unchanged: replays never duplicate)' : ''}`,
  );
  console.log(`  dead-lettered    ${final.dead_lettered}`);
  console.log(`  source errors    ${final.source_errors}`);
  if (counts)
    console.log(`  rows in database ${counts.items} items from this source, ${counts.dead_letters} dead letters`);
  console.log(`  wall time        ${seconds(runMs)}  → ${rate(final.acknowledged)} items/s end to end`);
  console.log('\n  stage         items in   busy s   items/s (while busy)   RSS MB');
  for (const s of stats) {
    console.log(
      `  ${s.stage.padEnd(12)} ${String(s.itemsIn).padStart(9)} ${s.busySeconds.toFixed(1).padStart(8)} ${s.itemsPerSecond.toFixed(0).padStart(12)} ${s.rssMegabytes.toFixed(0).padStart(18)}`,
    );
  }
}
