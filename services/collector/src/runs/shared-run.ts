// A source being collected, shared by every caller that asked for it. Callers that ask for a source already
// running join the run (and see its progress); the run is cancelled when every caller that joined it has
// cancelled, and a run being cancelled is never joined: the next caller waits for it to wind down, then starts
// a fresh run from the saved checkpoint.
import { SourceFetchError } from '../http/fetch-error.js';
import { RunProgressCounter } from './run-progress.js';
import type { SourceRunResult } from './source-run-state.js';

export class SharedRun {
  readonly result: Promise<SourceRunResult>;
  /** Aborted once no caller is interested any more. */
  readonly abort = new AbortController();
  /** The run's own totals (copied into a caller that joins later). */
  readonly #totals = new RunProgressCounter();
  /** Every caller's counter, and the totals. */
  readonly #observers = new Set<RunProgressCounter>([this.#totals]);
  /** Callers still interested; a caller without a signal stays interested until shutdown. */
  #interested = 0;

  /** `start` begins the run; it reports progress through `run.report`. */
  constructor(
    readonly sourceId: string,
    start: (run: SharedRun) => Promise<SourceRunResult>,
  ) {
    this.result = start(this);
  }

  /** Joinable: not being cancelled. */
  get joinable(): boolean {
    return !this.abort.signal.aborted;
  }

  /** Applies a progress update to every caller's counter. */
  report(update: (counter: RunProgressCounter) => void): void {
    for (const counter of this.#observers) update(counter);
  }

  /** Adds a caller: its counter catches up with the totals so far, and its `signal` withdraws its interest. */
  join(progress: RunProgressCounter, signal?: AbortSignal): Promise<SourceRunResult> {
    const totals = this.#totals;
    if (totals.expected > 0) progress.setExpected(this.sourceId, totals.expected);
    progress.collected += totals.collected;
    progress.acknowledged += totals.acknowledged;
    progress.stored += totals.stored;
    progress.deadLettered += totals.deadLettered;
    this.#observers.add(progress);
    this.#interested += 1;
    if (signal) {
      const leave = () => {
        this.#observers.delete(progress);
        this.#interested -= 1;
        if (this.#interested === 0) this.abort.abort(new SourceFetchError('aborted', 'cancelled'));
      };
      if (signal.aborted) leave();
      else {
        signal.addEventListener('abort', leave, { once: true });
        void this.result.finally(() => signal.removeEventListener('abort', leave));
      }
    }
    return this.result;
  }
}
