// Runs collector sources once through a running stack and follows their progress to the end.
import { backoffMs, sleep } from '@sluice/common';
import type { Stack } from './stack.js';
import { connect, deadlineIn, type RunProgress__Output } from '@sluice/protocol';

export interface RunSourcesOptions {
  collectorAddress: string;
  /** Empty: every enabled source. */
  sourceIds?: string[];
  timeoutMs?: number;
  onProgress?: (progress: RunProgress__Output) => void;
}

/** Calls Collector.RunSources(wait_until_done) and resolves with the last progress message (done = true). */
export function runSources(options: RunSourcesOptions): Promise<RunProgress__Output> {
  const client = connect('Collector', options.collectorAddress);
  return new Promise((resolve, reject) => {
    let last: RunProgress__Output | undefined;
    const call = client.RunSources(
      { source_ids: options.sourceIds ?? [], wait_until_done: true },
      { deadline: deadlineIn(options.timeoutMs ?? 30 * 60_000) },
    );
    call.on('data', (progress: RunProgress__Output) => {
      last = progress;
      options.onProgress?.(progress);
    });
    call.on('error', (error) => {
      client.close();
      reject(error);
    });
    call.on('end', () => {
      client.close();
      if (last?.done) resolve(last);
      else reject(new Error('the collector ended the run before it was done'));
    });
  });
}

export interface RunSourcesResumingOptions extends Omit<RunSourcesOptions, 'collectorAddress'> {
  stack: Pick<Stack, 'addresses' | 'restarts' | 'waitUntilUp'>;
  /** Most runs in all (the first plus resumptions). */
  maxRuns?: number;
  /** Called before a resumption, with why. */
  onResume?: (reason: string) => void;
}

/** Totals over every run of a resumed RunSources (the last run's message has done = true). */
export type ResumedProgress = RunProgress__Output & { runs: number };

function restartCount(stack: Pick<Stack, 'restarts'>): number {
  return Object.values(stack.restarts()).reduce((sum, n) => sum + (n ?? 0), 0);
}

/**
 * runSources through a supervised stack: when the collector dies mid-run (the progress stream breaks), or a
 * restart elsewhere made a source fail (e.g. its state was unreadable while persistence was down), the run
 * is started again once the collector is up and resumes from the last acknowledged checkpoint.
 */
export async function runSourcesResuming(options: RunSourcesResumingOptions): Promise<ResumedProgress> {
  const totals = { collected: 0, acknowledged: 0, stored: 0, dead_lettered: 0, source_errors: 0 };
  const maxRuns = options.maxRuns ?? 20;
  let stalled = 0;
  for (let run = 1; ; run += 1) {
    await options.stack.waitUntilUp('collector');
    const restartsBefore = restartCount(options.stack);
    const add = (p: RunProgress__Output): RunProgress__Output => ({
      ...p,
      collected: totals.collected + p.collected,
      acknowledged: totals.acknowledged + p.acknowledged,
      stored: totals.stored + p.stored,
      dead_lettered: totals.dead_lettered + p.dead_lettered,
      source_errors: totals.source_errors + p.source_errors,
    });
    let last: RunProgress__Output | undefined;
    let reason: string;
    try {
      const final = await runSources({
        ...options,
        collectorAddress: options.stack.addresses.collector!.grpcAddress,
        onProgress: (p) => {
          last = p;
          options.onProgress?.(add(p));
        },
      });
      if (final.source_errors === 0 || restartCount(options.stack) === restartsBefore || run >= maxRuns)
        return { ...add(final), runs: run };
      last = final;
      reason = `${final.source_errors} source error(s) while a service restarted`;
    } catch (error) {
      if (run >= maxRuns) throw error;
      reason = `the run stopped: ${(error as Error).message.split('\n')[0]}`;
    }
    if (last) for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += last[key];
    options.onResume?.(reason);
    // The broken stream can arrive before the supervisor saw the exit, and a draining collector still looks up
    // while it refuses new runs: wait a moment, longer after each run that got nowhere.
    stalled = last && last.collected > 0 ? 0 : stalled + 1;
    await sleep(backoffMs(stalled, { initialMs: 1_000, maxMs: 10_000, jitter: 'none' }));
  }
}
