// The shape every source kind implements: given its config and persisted state, yield chunks of items.
// A chunk may carry a checkpoint: the state to persist once it and every chunk before it are acknowledged.
import type { Logger } from '@sluice/service-kit';
import type { DeadLetter, RawItem } from '@sluice/protocol';
import type { FullTextFetcher } from '../full-text/full-text-fetcher.js';
import type { SourceFetchError } from '../http/fetch-error.js';
import type { HttpClient } from '../http/http-client.js';
import type { TokenBucket } from '../http/token-bucket.js';
import type { SourceConfig } from '../source-settings.js';
import type { PathResolver } from './source-path.js';

export interface Checkpoint {
  /** Source-specific resume position, persisted as cursor_json. */
  cursor?: unknown;
  etag?: string;
  lastModified?: string;
}

export interface Chunk {
  items: RawItem[];
  deadLetters: DeadLetter[];
  checkpoint?: Checkpoint;
  /** Items the source expects in total (bulk files estimate it from bytes). */
  expected?: number;
  /** The source answered 304 Not Modified. */
  notModified?: boolean;
  /** What could not be read although the run goes on: recorded as source errors, not counted as failures. */
  problems?: SourceFetchError[];
}

export interface PersistedState {
  cursor: unknown;
  etag: string;
  lastModified: string;
}

export interface CollectContext<S extends SourceConfig = SourceConfig> {
  source: S;
  state: PersistedState;
  http: HttpClient;
  /** The source's own rate limit, shared by all its requests. */
  limiter: TokenBucket;
  signal: AbortSignal;
  /** Items per chunk for HTTP sources. */
  batchSize: number;
  now: () => number;
  logger: Logger;
  /** The real file a source's `path` names (API-managed sources: only inside collector.import_directories). */
  resolvePath: PathResolver;
  /** The SSRF guard is off for this source (only a config/sluice.yaml source with allow_private_network). */
  allowPrivateNetwork: boolean;
  /** Fetches linked pages' articles (feeds with fetch_full_text). */
  fullText?: FullTextFetcher;
}

export type SourceCollector<S extends SourceConfig = SourceConfig> = (
  context: CollectContext<S>,
) => AsyncIterable<Chunk>;

/** Splits built items into chunks of `size`; the checkpoint goes on the last one only. */
export function* chunked(
  items: RawItem[],
  deadLetters: DeadLetter[],
  size: number,
  checkpoint?: Checkpoint,
): Generator<Chunk> {
  if (items.length === 0) {
    yield { items: [], deadLetters, checkpoint };
    return;
  }
  for (let start = 0; start < items.length; start += size) {
    const last = start + size >= items.length;
    yield {
      items: items.slice(start, start + size),
      deadLetters: start === 0 ? deadLetters : [],
      checkpoint: last ? checkpoint : undefined,
    };
  }
}
