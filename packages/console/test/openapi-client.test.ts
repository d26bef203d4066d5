// The console's API types (app/api-schema.d.ts) are what the gateway's served OpenAPI document gives: a route
// schema changed without `pnpm --filter @sluice/console gen:client` fails here (and the console's typecheck
// then says which page no longer fits the API).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, clientTypesFor, servedOpenApiDocument } from '../src/openapi-client-types.js';

describe('the console API client types', () => {
  it('equal the types generated from the served OpenAPI document', async () => {
    const document = await servedOpenApiDocument();
    expect(Object.keys(document.paths ?? {})).toEqual(
      expect.arrayContaining(['/v1/items', '/v1/whoami', '/v1/pipeline', '/v1/source-health', '/v1/dead-letters']),
    );
    const expected = await clientTypesFor(document);
    const actual = await readFile(CLIENT_TYPES_FILE, 'utf8');
    expect(actual === expected, 'app/api-schema.d.ts is stale: run pnpm --filter @sluice/console gen:client').toBe(
      true,
    );
  });
});
