// Runs collector sources once through a running stack and follows their progress to the end.
import { createClient, deadlineIn, sluiceProto, type CollectorClient, type RunProgress__Output } from '@sluice/protocol';

export interface RunSourcesOptions {
  collectorAddress: string;
  /** Empty: every enabled source. */
  sourceIds?: string[];
  timeoutMs?: number;
  onProgress?: (progress: RunProgress__Output) => void;
}

/** Calls Collector.RunSources(wait_until_done) and resolves with the last progress message (done = true). */
export function runSources(options: RunSourcesOptions): Promise<RunProgress__Output> {
  const client = createClient(sluiceProto().Collector, options.collectorAddress) as unknown as CollectorClient;
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
