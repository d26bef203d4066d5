// buildApp(options): the whole HTTP API as a fastify instance, separate from main.ts so tests can use
// app.inject() or listen on port 0. Cross-cutting concerns live here (errors, auth, rate limits, metrics);
// each route group is a plugin in routes/.
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyError, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger, Registry } from '@sluice/service-kit';
import { bearerToken, type Authenticator, type Principal } from './auth.js';
import { ApiError } from './errors.js';
import { httpMetrics } from './http-metrics.js';
import { sendProblem, toApiError } from './problem-reply.js';
import type { PushChannel } from './push-channel.js';
import { RateLimiter, type ApiRateLimits } from './rate-limiter.js';
import { registerDocs } from './routes/docs.js';
import { healthRoutes, type Readiness } from './routes/health.js';
import { itemRoutes } from './routes/items.js';
import { pushRoutes } from './routes/push.js';
import { ItemSchema, JobSchema, PartialItemSchema, ProblemSchema, PushItemSchema } from './schemas.js';
import type { GatewaySettings, Scope } from './settings.js';
import { UpstreamCaller } from './upstream-caller.js';
import { createValidators } from './validation.js';
import type { JobRunner } from './jobs/job-runner.js';
import { inferenceRoutes } from './routes/inference.js';
import { deadLetterRoutes } from './routes/dead-letters.js';
import { jobEventRoutes } from './routes/job-events.js';
import { jobRoutes } from './routes/jobs.js';
import { keyRoutes } from './routes/keys.js';
import { sourceRoutes } from './routes/sources.js';
import { webhookRoutes } from './routes/webhooks.js';
import type { Upstreams } from './upstream-clients.js';
import type { ServicesConfig } from '@sluice/service-kit';
import { PipelineMonitor } from './pipeline/pipeline-monitor.js';
import { consoleRoutes } from './routes/console.js';
import { pipelineRoutes } from './routes/pipeline.js';
import { sourceHealthRoutes } from './routes/source-health.js';
import { whoamiRoutes } from './routes/whoami.js';

export type RouteScope = Scope | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Scope an API key needs for this route; 'public' routes need no key. */
    scope?: RouteScope;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** One registered route with the scope it requires (what the auth hook enforces). */
export interface RouteEntry {
  method: string;
  url: string;
  scope: RouteScope;
}

export interface AppOptions {
  settings: GatewaySettings;
  logger: Logger;
  registry: Registry;
  authenticator: Authenticator;
  upstreams: Upstreams;
  /** The stream into the pipeline for pushed items (absent: push routes answer 501). */
  push?: PushChannel;
  /** Runs collect/import jobs (absent: job routes answer 501). */
  jobs?: JobRunner;
  readiness: Readiness;
  /** Where the other services are (their metrics, for GET /v1/pipeline); absent: only the gateway's own. */
  services?: ServicesConfig;
  /** Per-key rate limits (gateway.ts: shared by the replicas); absent: this process's own buckets. */
  rateLimits?: ApiRateLimits;
}

/** What every route plugin receives. */
export interface RouteContext {
  settings: GatewaySettings;
  upstreams: Upstreams;
  caller: UpstreamCaller;
  push?: PushChannel;
  jobs?: JobRunner;
  authenticator: Authenticator;
  registry: Registry;
}

export async function buildApp(options: AppOptions) {
  const { settings, registry } = options;
  const app = Fastify({
    loggerInstance: options.logger,
    // Per-request lines are too many at API rates: metrics count requests, errors ≥ 500 are logged below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: settings.body_limit_bytes,
    // A client's X-Request-Id is kept when it is a sane token (it ties their logs to ours), else a new uuid.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    // Requests arriving while the server closes get a problem+json 503 from the hook below instead.
    return503OnClosing: false,
    // The router's own refusals (a malformed URL, a path parameter over 100 characters) are problem+json too.
    frameworkErrors: (error, request, reply) => {
      const detail =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'a path parameter is longer than 100 characters'
          : 'the URL is malformed';
      sendProblem(request, reply, new ApiError('invalid_request', detail));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const metrics = httpMetrics(registry);
  const limiter = options.rateLimits ?? new RateLimiter(settings.rate_limit_burst_seconds);
  const ctx: RouteContext = {
    settings,
    upstreams: options.upstreams,
    caller: new UpstreamCaller(registry, settings.upstream_timeout_milliseconds),
    push: options.push,
    jobs: options.jobs,
    authenticator: options.authenticator,
    registry,
  };

  // JSON only: without this, fastify's built-in text/plain parser would hand strings to JSON routes.
  app.removeContentTypeParser('text/plain');

  const shared = [ProblemSchema, ItemSchema, PartialItemSchema, PushItemSchema, JobSchema];
  for (const schema of shared) app.addSchema(schema);
  app.setValidatorCompiler(createValidators(shared).compiler);

  app.setErrorHandler((error: FastifyError, request, reply) => sendProblem(request, reply, toApiError(error), error));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new ApiError('not_found', `${request.method} ${request.url.split('?')[0]} is not a route of this API`),
    ),
  );

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) {
      reply.header('connection', 'close');
      throw new ApiError('not_ready', 'the gateway is shutting down; retry (another replica will answer)', {
        retryAfterSeconds: 1,
      });
    }
    const scope = routeScope(request);
    if (scope === 'public') return;
    const token = bearerToken(request.headers);
    if (!token) throw new ApiError('missing_api_key', 'send the key as "Authorization: Bearer <key>"');
    const principal = await options.authenticator.authenticate(token);
    if (!principal) throw new ApiError('invalid_api_key');
    if (!principal.scopes.has(scope))
      throw new ApiError(
        'insufficient_scope',
        `this route needs the "${scope}" scope; the key has: ${[...principal.scopes].join(', ') || 'none'}`,
      );
    request.principal = principal;
    const perMinute = principal.rateLimitPerMinute > 0 ? principal.rateLimitPerMinute : settings.rate_limit_per_minute;
    const decision = await limiter.take(principal.id, perMinute);
    if (decision.limitPerMinute > 0) {
      reply.header('ratelimit-limit', decision.limitPerMinute);
      reply.header('ratelimit-remaining', decision.remaining);
    }
    if (!decision.allowed) {
      metrics.rateLimited.inc();
      throw new ApiError('rate_limited', `this key may make ${decision.limitPerMinute} requests per minute`, {
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route };
    metrics.requests.inc({ ...labels, status: String(reply.statusCode) });
    metrics.seconds.observe(labels, reply.elapsedTime / 1000);
  });

  // Every route as registered, with the scope the auth hook will require: tests walk this list, so a new route
  // cannot escape the authentication tests.
  const routeTable: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routeTable.push({ method, url: route.url, scope: scopeOf(route.config?.scope, route.url) });
  });

  // Registered on the root instance (not encapsulated) so its onRoute hook sees every route.
  if (settings.docs_enabled) await registerDocs(app);
  await app.register(healthRoutes, { readiness: options.readiness });
  await app.register(itemRoutes, { ctx });
  await app.register(pushRoutes, { ctx });
  await app.register(inferenceRoutes, { ctx });
  await app.register(jobRoutes, { ctx });
  await app.register(jobEventRoutes, { ctx });
  await app.register(sourceRoutes, { ctx });
  await app.register(keyRoutes, { ctx });
  await app.register(webhookRoutes, { ctx });
  await app.register(deadLetterRoutes, { ctx });
  await app.register(whoamiRoutes);
  await app.register(sourceHealthRoutes, { ctx });
  await app.register(pipelineRoutes, { ctx, monitor: new PipelineMonitor({ services: options.services, registry }) });
  if (settings.console_enabled) await app.register(consoleRoutes, { settings });
  return Object.assign(app, { routeTable: routeTable as readonly RouteEntry[] });
}

function routeScope(request: FastifyRequest): RouteScope {
  // Unmatched URLs answer 404 without asking for a key.
  if (request.routeOptions.url === undefined) return 'public';
  return scopeOf(request.routeOptions.config?.scope, request.routeOptions.url);
}

/** A route's own scope; the docs plugin's routes (under /docs) are public; a route that names none needs admin. */
function scopeOf(configured: RouteScope | undefined, url: string): RouteScope {
  if (configured) return configured;
  if (url === '/docs' || url.startsWith('/docs/')) return 'public';
  return 'admin';
}
