// The console's API types come from the OpenAPI document the gateway serves (openapi-typescript), so the
// console is a test of the API: when a route's schema changes, app/api-schema.d.ts changes, and the console
// either still typechecks against it or the build fails. `pnpm --filter @sluice/console gen:client` rewrites
// the file; test/openapi-client.test.ts fails when the checked-in file differs from what the served document
// gives, and the browser test compares it with the document a running gateway serves.
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { buildApp, Authenticator, gatewaySettingsSchema } from '@sluice/gateway';
import { createLogger, createMetricsRegistry } from '@sluice/service-kit';
import type { PersistenceClient } from '@sluice/protocol';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLIENT_TYPES_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'app',
  'api-schema.d.ts',
);

const HEADER =
  '// Generated from the OpenAPI document the gateway serves (/openapi.json) by openapi-typescript.\n' +
  '// Do not edit: run `pnpm --filter @sluice/console gen:client` after changing a route schema.\n';

/** The document /openapi.json serves with the default settings, built in process (no backend is called). */
export async function servedOpenApiDocument(): Promise<OpenAPI3> {
  const app = await buildApp({
    settings: gatewaySettingsSchema.parse({}),
    logger: createLogger('console-gen', 'silent'),
    registry: createMetricsRegistry('console-gen'),
    authenticator: new Authenticator({}),
    upstreams: { persistence: {} as PersistenceClient },
    readiness: async () => ({ ready: false, detail: {} }),
  });
  try {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    return JSON.parse(response.body) as OpenAPI3;
  } finally {
    await app.close();
  }
}

/** TypeScript types for openapi-fetch from an OpenAPI document, formatted as `pnpm format` formats the file. */
export async function clientTypesFor(document: OpenAPI3): Promise<string> {
  const ast = await openapiTS(document, { alphabetize: true });
  const options = (await resolveConfig(CLIENT_TYPES_FILE)) ?? {};
  return format(HEADER + astToString(ast), { ...options, filepath: CLIENT_TYPES_FILE });
}
