// What a source kind is given for one run: where it resumes, the HTTP client and its rate limit, the run's
// signal, and the confinement of API-managed sources (files only inside collector.import_directories, and
// never allow_private_network).
import { FullTextFetcher } from '../full-text/full-text-fetcher.js';
import type { SourceRunDeps, SourceRunRequest } from './source-run.js';
import { resumeState } from './source-run-state.js';
import type { SourceStateRecord } from '../source-state-store.js';
import type { CollectContext } from '../sources/source-collector.js';
import { sourcePathResolver } from '../sources/source-path.js';

export function collectContext(
  deps: SourceRunDeps,
  request: SourceRunRequest,
  before: SourceStateRecord,
  signal: AbortSignal,
): CollectContext {
  const { settings, http, now, logger } = deps;
  const { source, origin } = request;
  return {
    source,
    state: resumeState(before),
    http,
    limiter: deps.limiterFor(source),
    signal,
    batchSize: settings.batch_size,
    now,
    logger,
    resolvePath: sourcePathResolver(origin, settings.import_directories),
    // Defence in depth: API definitions carrying the flag are refused, and it never applies to them.
    allowPrivateNetwork: origin === 'config' && source.allow_private_network,
    fullText: new FullTextFetcher(http, {
      rules: settings.full_text.selector_rules,
      concurrency: settings.full_text.max_concurrent_fetches,
      metrics: deps.metrics,
    }),
  };
}
