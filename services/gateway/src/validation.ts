// Request validation with two Ajv instances: query strings, params and headers arrive as text and are coerced
// (limit=10 → 10, a single ?source= → [source]); JSON bodies are not, so {"title": 42} is an error rather than
// silently becoming "42".
import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

export interface Validators {
  compiler: FastifySchemaCompiler<AnySchema>;
  /** Compiles a schema with the body rules (no coercion), e.g. for lines of an import file. */
  compileExact(schema: AnySchema): ValidateFunction;
}

export function createValidators(sharedSchemas: AnySchema[]): Validators {
  const common = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const;
  const coercing = new Ajv({ ...common, coerceTypes: 'array' });
  const exact = new Ajv({ ...common, coerceTypes: false });
  for (const schema of sharedSchemas) {
    coercing.addSchema(schema);
    exact.addSchema(schema);
  }
  return {
    compiler: ({ schema, httpPart }) => (httpPart === 'body' ? exact.compile(schema) : coercing.compile(schema)),
    compileExact: (schema) => exact.compile(schema),
  };
}
