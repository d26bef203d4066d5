// Rewrites app/api-schema.d.ts from the OpenAPI document the gateway serves (see src/openapi-client-types.ts).
import { writeFileSync } from 'node:fs';
import { CLIENT_TYPES_FILE, clientTypesFor, servedOpenApiDocument } from '../src/openapi-client-types.js';

const types = await clientTypesFor(await servedOpenApiDocument());
writeFileSync(CLIENT_TYPES_FILE, types);
console.log(`wrote ${CLIENT_TYPES_FILE}`);
