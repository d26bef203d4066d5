// What one source run reads from and writes back to its saved state, and how it ends: pure functions, so the
// run itself (source-run.ts) only does the I/O.
import { errorBackoffMs } from '../http/backoff.js';
import type { SourceFetchError } from '../http/fetch-error.js';
import type { SourceConfig } from '../source-settings.js';
import type { SourceStateRecord } from '../source-state-store.js';
import type { Checkpoint, PersistedState } from '../sources/source-collector.js';

export type RunOutcome = 'ok' | 'not_modified' | 'error' | 'lease_lost';

export interface SourceRunResult {
  sourceId: string;
  outcome: RunOutcome;
  collected: number;
  acknowledged: number;
  error?: SourceFetchError;
}

/** Source errors and saved state messages are cut to this many characters. */
export const ERROR_MESSAGE_LIMIT = 2000;

/** The URL a source fetches ('' for file sources): breaker state and error records are keyed by it. */
export function sourceUrl(source: SourceConfig): string {
  return 'url' in source && typeof source.url === 'string' ? source.url : '';
}

function parseCursor(json: string): unknown {
  if (!json) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** Where a source kind resumes from (an unreadable cursor starts it from the beginning). */
export function resumeState(state: SourceStateRecord): PersistedState {
  return { cursor: parseCursor(state.cursor_json), etag: state.etag, lastModified: state.last_modified };
}

/** The saved state with the acknowledged prefix's checkpoint applied (the state as it was where there is none). */
export function stateAtCheckpoint(
  state: SourceStateRecord,
  committed: Checkpoint | undefined,
  acknowledged: number,
): SourceStateRecord {
  return {
    ...state,
    cursor_json: committed?.cursor !== undefined ? JSON.stringify(committed.cursor) : state.cursor_json,
    etag: committed?.etag ?? state.etag,
    last_modified: committed?.lastModified ?? state.last_modified,
    items_total: state.items_total + acknowledged,
  };
}

/** Cancellation and a lost lease end a run without it being the source's fault. */
export function countsAgainstSource(failure: SourceFetchError | undefined): failure is SourceFetchError {
  return failure !== undefined && failure.code !== 'aborted' && failure.code !== 'lease_lost';
}

export interface RunEnd {
  failure: SourceFetchError | undefined;
  finishedMs: number;
  intervalSeconds: number;
  maxErrorBackoffSeconds: number;
  breakerState: string;
}

/** The state saved after a run that ran to its end: success or failure, and when to fetch next (with backoff). */
export function stateAfterRun(
  before: SourceStateRecord,
  atCheckpoint: SourceStateRecord,
  end: RunEnd,
): SourceStateRecord {
  const { failure, finishedMs } = end;
  const consecutiveErrors = failure ? before.consecutive_errors + 1 : 0;
  return {
    ...atCheckpoint,
    last_success_ms: failure ? before.last_success_ms : finishedMs,
    consecutive_errors: consecutiveErrors,
    next_fetch_ms: finishedMs + errorBackoffMs(end.intervalSeconds, consecutiveErrors, end.maxErrorBackoffSeconds),
    breaker_state: end.breakerState,
    last_error: failure ? `${failure.code}: ${failure.message}`.slice(0, ERROR_MESSAGE_LIMIT) : '',
  };
}

export function runOutcome(failure: SourceFetchError | undefined, notModified: boolean): RunOutcome {
  if (failure) return failure.code === 'lease_lost' ? 'lease_lost' : 'error';
  return notModified ? 'not_modified' : 'ok';
}
