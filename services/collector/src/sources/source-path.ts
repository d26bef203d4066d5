// Where a file source's `path` leads. Sources from config/sluice.yaml are the operator's: their paths are used as
// written (relative to the working directory). Sources managed through the API are confined to
// collector.import_directories by the same rule as the gateway's import jobs (packages/service-kit path-sandbox):
// checked here, when the file is opened, whatever the gateway accepted.
import path from 'node:path';
import { resolveInFolders } from '@sluice/service-kit';
import { SourceFetchError } from '../http/fetch-error.js';

export type PathResolver = (requested: string) => Promise<string>;

export function sourcePathResolver(origin: 'config' | 'api', importDirectories: readonly string[]): PathResolver {
  if (origin === 'config') return async (requested) => path.resolve(requested);
  return async (requested) => {
    const found = await resolveInFolders(importDirectories, requested);
    if (found.ok) return found.file;
    const why =
      found.reason === 'disabled'
        ? 'API-managed file sources need collector.import_directories (or a url)'
        : `${found.message} (API-managed sources read files from collector.import_directories only)`;
    throw new SourceFetchError(
      found.reason === 'not_found' ? 'file' : 'file_refused',
      `cannot read ${requested}: ${why}`,
      { retryable: false },
    );
  };
}
