// How a run reports what went wrong with its source: a metric by error code, a log line, and a row in the
// store's source-error table (which the API lists). Recording never fails the run.
import type { Logger } from '@sluice/service-kit';
import type { SourceFetchError } from '../http/fetch-error.js';
import type { CollectorMetrics } from '../metrics.js';
import { ERROR_MESSAGE_LIMIT } from './source-run-state.js';
import type { SourceStateStore } from '../source-state-store.js';

export class SourceErrorLog {
  readonly #pending: Array<Promise<void>> = [];

  constructor(
    private readonly store: SourceStateStore,
    private readonly sourceId: string,
    /** The source's URL, for problems that name none. */
    private readonly url: string,
    private readonly logger: Logger,
    private readonly metrics: CollectorMetrics | undefined,
    private readonly now: () => number,
  ) {}

  /** Something a source could not read while its run goes on; recorded in the background (see `pending`). */
  problem(problem: SourceFetchError): void {
    this.metrics?.sourceErrors.inc({ code: problem.code });
    this.logger.warn(
      { source_id: this.sourceId, code: problem.code, url: problem.url || this.url },
      `source ${this.sourceId}: ${problem.message}`,
    );
    this.#pending.push(this.#record(problem, this.now()));
  }

  /** The failure that ended a run. */
  async failure(failure: SourceFetchError, consecutiveErrors: number, occurredAtMs: number): Promise<void> {
    this.metrics?.sourceErrors.inc({ code: failure.code });
    this.logger.warn(
      {
        source_id: this.sourceId,
        code: failure.code,
        http_status: failure.httpStatus,
        url: failure.url || this.url,
        consecutive_errors: consecutiveErrors,
      },
      `source ${this.sourceId} failed: ${failure.message}`,
    );
    await this.#record(failure, occurredAtMs);
  }

  /** Problems still being recorded. */
  get pending(): ReadonlyArray<Promise<void>> {
    return this.#pending;
  }

  #record(problem: SourceFetchError, occurredAtMs: number): Promise<void> {
    return this.store
      .recordError({
        source_id: this.sourceId,
        code: problem.code,
        message: problem.message.slice(0, ERROR_MESSAGE_LIMIT),
        occurred_at_ms: occurredAtMs,
        http_status: problem.httpStatus,
        url: problem.url || this.url,
      })
      .catch((error: Error) =>
        this.logger.warn({ source_id: this.sourceId, err: error }, 'recording the source error failed'),
      );
  }
}
