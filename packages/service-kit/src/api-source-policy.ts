// What a source definition managed through the API (PUT /v1/sources/{id}) may not say, although the same
// source in config/sluice.yaml may: an API key is not the operator. The gateway refuses such a definition with
// 422; the collector checks again before it runs one (a definition stored before these rules, or written to
// persistence another way, is skipped with the same message).
import { pathFormProblem } from './path-sandbox.js';

/** Environment variables an API-managed source may send as a secret (operators name them so on purpose). */
export const API_SOURCE_SECRET_ENV_PREFIX = 'SLUICE_SOURCE_';

export interface PolicyViolation {
  /** JSON pointer into the definition's config, e.g. "/path". */
  pointer: string;
  message: string;
}

/**
 * Violations of the API-managed source rules in a definition's config (empty: acceptable):
 * - `allow_private_network` is refused: private-network access comes from collector.http.private_network_allowlist;
 * - `path` must be relative to the collector's import folders (no `..`, not absolute);
 * - secrets (`token_env`, `auth.env`) may only come from SLUICE_SOURCE_* variables, so a definition cannot
 *   send the process's other secrets (database URL, API keys) to a server of its choosing.
 *
 * @example
 * apiSourceViolations({ path: '/etc/passwd' }); // [{ pointer: '/path', message: 'absolute paths are refused: …' }]
 */
export function apiSourceViolations(config: Record<string, unknown>): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  if ('allow_private_network' in config) {
    violations.push({
      pointer: '/allow_private_network',
      message:
        'API-managed sources cannot grant private-network access; the operator allows hosts or networks in collector.http.private_network_allowlist',
    });
  }
  if ('path' in config) {
    const problem = typeof config.path === 'string' ? pathFormProblem(config.path) : 'the path must be a string';
    if (problem)
      violations.push({
        pointer: '/path',
        message: `${problem} (API-managed sources read files from collector.import_directories only)`,
      });
  }
  const auth = config.auth;
  const secrets: Array<[string, unknown]> = [['/token_env', config.token_env]];
  if (auth !== null && typeof auth === 'object') secrets.push(['/auth/env', (auth as Record<string, unknown>).env]);
  for (const [pointer, name] of secrets) {
    if (name === undefined) continue;
    if (typeof name !== 'string' || !name.startsWith(API_SOURCE_SECRET_ENV_PREFIX)) {
      violations.push({
        pointer,
        message: `API-managed sources may only read secrets from environment variables named ${API_SOURCE_SECRET_ENV_PREFIX}*`,
      });
    }
  }
  return violations;
}
