// How every failed request is answered: fastify's own errors (validation, body limits, bad JSON) are
// translated into the registry's codes (errors.ts), and the problem is written as application/problem+json.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, toProblem, type FieldError } from './errors.js';

/** Translates fastify's own errors (validation, body limits, bad JSON) into the registry's codes. */
export function toApiError(error: FastifyError): ApiError {
  if (error instanceof ApiError) return error;
  if (error.validation) {
    const where = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
    const errors: FieldError[] = error.validation.map((v) => {
      const missing =
        v.keyword === 'required' ? `/${String((v.params as { missingProperty?: string }).missingProperty ?? '')}` : '';
      const extra =
        v.keyword === 'additionalProperties'
          ? `/${String((v.params as { additionalProperty?: string }).additionalProperty ?? '')}`
          : '';
      const pointer = `/${where}${v.instancePath}${missing}${extra}`;
      const message = v.keyword === 'additionalProperties' ? 'unknown property' : (v.message ?? 'invalid');
      return { pointer, message };
    });
    return new ApiError('invalid_request', errors.map((e) => `${e.pointer}: ${e.message}`).join('; '), { errors });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(
        'payload_too_large',
        'the request body exceeds the configured limit (gateway.body_limit_bytes)',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('unsupported_media_type', 'send Content-Type: application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('invalid_json', 'the body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('invalid_json');
  }
  if (error instanceof SyntaxError) return new ApiError('invalid_json');
  if (typeof error.statusCode === 'number' && error.statusCode === 413) return new ApiError('payload_too_large');
  if (typeof error.statusCode === 'number' && error.statusCode === 415) return new ApiError('unsupported_media_type');
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500)
    return new ApiError('invalid_request', error.message);
  return new ApiError('internal_error');
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: ApiError,
  cause?: unknown,
): FastifyReply {
  // Unexpected errors are logged with their stack (never sent); mapped backend failures only by code.
  if (cause !== undefined && !(cause instanceof ApiError) && error.code === 'internal_error')
    request.log.error({ err: cause, url: request.url }, 'request failed');
  else if (error.status >= 500)
    request.log.warn({ code: error.code, detail: error.detail, url: request.url }, 'request failed');
  const problem = toProblem(error, request.url.split('?')[0], request.id);
  if (error.extra.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.extra.retryAfterSeconds));
  // A string body bypasses the response serializer: the problem is written exactly as built.
  return reply.code(error.status).type('application/problem+json').send(JSON.stringify(problem));
}
