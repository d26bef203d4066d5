// The collect job: the collector's RunSources stream, its progress copied into the job's counts.
import { deadlineIn, grpc, type CollectorClient, type RunProgress__Output } from '@sluice/protocol';
import { ApiError } from '../errors.js';
import { jobError, type JobKind, type JobProgress } from './job-kind.js';

export interface CollectParams {
  kind: 'collect';
  source_ids: string[];
}

export function collectJob(options: {
  collector?: CollectorClient;
  jobTimeoutSeconds: number;
}): JobKind<CollectParams, CollectParams> {
  return {
    async validate(params) {
      if (!options.collector) throw new ApiError('not_implemented', 'no collector is configured');
      return { record: { kind: 'collect', params }, params };
    },
    async run(params, progress, signal) {
      await progress.update({ status: 'running', force: true });
      await runSources(options.collector!, params.source_ids, options.jobTimeoutSeconds, progress, signal);
    },
  };
}

function runSources(
  collector: CollectorClient,
  sourceIds: string[],
  timeoutSeconds: number,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const call = collector.RunSources(
      { source_ids: sourceIds, wait_until_done: true },
      { deadline: deadlineIn(timeoutSeconds * 1000) },
    );
    const onAbort = () => call.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    call.on('data', (run: RunProgress__Output) => {
      progress.counts = {
        collected: run.collected,
        acknowledged: run.acknowledged,
        stored: run.stored,
        dead_lettered: run.dead_lettered,
        source_errors: run.source_errors,
        sources_total: run.sources_total,
        sources_done: run.sources_done,
        expected: run.expected,
      };
      void progress.update();
    });
    call.on('error', (error: grpc.ServiceError) => {
      signal.removeEventListener('abort', onAbort);
      if (error.code === grpc.status.CANCELLED && signal.aborted) return resolve();
      reject(
        jobError(
          `collector: ${error.details || error.message}`,
          grpc.status[error.code]?.toLowerCase() ?? 'collector_error',
        ),
      );
    });
    call.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
