// The Collector gRPC API: RunSources streams progress until every requested source is done and all its
// items are acknowledged; ListSources describes the configured sources.
import { grpc, statusDetails, type RunSourcesRequest__Output } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import type { Collector } from './collector.js';
import { RunProgressCounter } from './runs/run-progress.js';
import type { Scheduler } from './scheduler.js';
import type { SourceConfig } from './source-settings.js';

export function describeSource(source: SourceConfig, origin: 'config' | 'api' = 'config') {
  return {
    id: source.id,
    kind: source.kind,
    enabled: source.enabled,
    priority: source.priority,
    interval_seconds: source.interval_seconds,
    // The config holds environment variable names for secrets, never their values.
    config_json: JSON.stringify(source),
    origin,
  };
}

export function collectorHandlers(options: {
  collector: Collector;
  scheduler?: Scheduler;
  logger: Logger;
  progressIntervalMs?: number;
  /** Re-reads API-managed sources (called once when a request names an unknown source). */
  refreshSources?: () => Promise<void>;
}) {
  const { collector, logger } = options;
  return {
    async RunSources(call: grpc.ServerWritableStream<RunSourcesRequest__Output, unknown>) {
      const requested = call.request.source_ids ?? [];
      const missing = () => requested.filter((id) => !collector.source(id));
      // A source created through the API a moment ago may not have been synced yet.
      if (missing().length > 0 && options.refreshSources) await options.refreshSources();
      const unknown = missing();
      if (unknown.length > 0) {
        call.emit('error', {
          code: grpc.status.NOT_FOUND,
          details: statusDetails(`unknown source(s): ${unknown.join(', ')}`),
        });
        return;
      }
      const ids = requested.length > 0 ? requested : collector.sources.filter((s) => s.enabled).map((s) => s.id);
      const progress = new RunProgressCounter();
      if (!call.request.wait_until_done) {
        progress.sourcesTotal = ids.length;
        const trigger = options.scheduler
          ? options.scheduler.trigger(ids)
          : Promise.resolve(
              void collector
                .run(ids, new RunProgressCounter())
                .catch((error: Error) => logger.error({ err: error }, 'triggered run failed')),
            );
        trigger.then(
          () => {
            call.write(progress.toMessage(true));
            call.end();
          },
          (error: Error) =>
            call.emit('error', {
              code: grpc.status.UNAVAILABLE,
              details: statusDetails(`could not trigger: ${error.message}`),
            }),
        );
        return;
      }
      let finished = false;
      let cancelled = false;
      // The caller went away (job cancelled, deadline passed): its runs stop unless another caller waits for them.
      const abort = new AbortController();
      call.on('cancelled', () => {
        cancelled = true;
        clearInterval(timer);
        abort.abort();
      });
      const timer = setInterval(() => {
        if (!finished && !cancelled) call.write(progress.toMessage(false));
      }, options.progressIntervalMs ?? 250);
      collector.run(ids, progress, undefined, abort.signal).then(
        (results) => {
          finished = true;
          clearInterval(timer);
          if (cancelled) return;
          // A run the collector's shutdown cut short is not done: saying so would make the caller believe the
          // source was read to its end (its checkpoint holds what was acknowledged; a new run resumes there).
          const interrupted = results.filter((r) => r.error?.code === 'aborted').map((r) => r.sourceId);
          if (interrupted.length > 0) {
            call.emit('error', {
              code: grpc.status.UNAVAILABLE,
              details: `the collector is shutting down: ${interrupted.join(', ')} stopped before the end; run again to resume from the last checkpoint`,
            });
            return;
          }
          call.write(progress.toMessage(true));
          call.end();
        },
        (error: Error) => {
          finished = true;
          clearInterval(timer);
          logger.error({ err: error }, 'RunSources failed');
          if (!cancelled) call.emit('error', { code: grpc.status.INTERNAL, details: statusDetails(error.message) });
        },
      );
    },
    async ListSources(_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) {
      await options.refreshSources?.(); // never throws: the last known sources are listed when persistence is down
      callback(null, {
        sources: collector.sources.map((source) => describeSource(source, collector.origin(source.id))),
      });
    },
  };
}
