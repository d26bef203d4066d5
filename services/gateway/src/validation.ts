// Request validation with two Ajv instances: query strings, params and headers arrive as text and are coerced
// (limit=10 → 10, a single ?source= → [source]); JSON bodies are not, so {"title": 42} is an error rather than
// silently becoming "42".
import { Ajv, type AnySchema } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

export function createValidatorCompiler(sharedSchemas: AnySchema[]): FastifySchemaCompiler<AnySchema> {
  const common = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const;
  const coercing = new Ajv({ ...common, coerceTypes: 'array' });
  const exact = new Ajv({ ...common, coerceTypes: false });
  for (const schema of sharedSchemas) {
    coercing.addSchema(schema);
    exact.addSchema(schema);
  }
  return ({ schema, httpPart }) => (httpPart === 'body' ? exact.compile(schema) : coercing.compile(schema));
}
