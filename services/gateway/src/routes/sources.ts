// Sources: the configured ones (collector, config/sluice.yaml) and the ones managed here (persistence's source
// definitions, which the collector reads too). Create/update/delete need the admin scope.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  DeleteSourceDefinitionResponse__Output,
  GetSourceStateResponse__Output,
  ListSourceDefinitionsResponse__Output,
  ListSourceErrorsResponse__Output,
  ListSourcesResponse__Output,
  PersistenceAdminClient,
  SourceDefinition__Output,
  UpsertSourceDefinitionRequest,
  UpsertSourceDefinitionResponse__Output,
} from '@sluice/protocol';
import { apiSourceViolations } from '@sluice/service-kit';
import type { RouteContext } from '../app.js';
import { ApiError } from '../errors.js';
import { toJobView } from '../job-view.js';
import { MANAGED_SOURCE_ID_PATTERN, SOURCE_ID_PATTERN, problemResponses } from '../schemas.js';

const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString() : null);

const SourceSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  enabled: Type.Boolean(),
  priority: Type.Integer(),
  interval_seconds: Type.Integer(),
  config: Type.Unknown(),
  origin: Type.Union([Type.Literal('config'), Type.Literal('api')], {
    description: 'config: config/sluice.yaml (read-only here); api: managed through this API',
  }),
  updated_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

const DefinitionBody = Type.Object(
  {
    kind: Type.String({
      pattern: '^[a-z][a-z0-9_]{0,31}$',
      description: 'rss, atom, json_feed, jsonl, csv, hacker_news, reddit, github, http_json, ...',
    }),
    config: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'Kind-specific settings (url, path, headers, ...), validated by the collector. path: relative to collector.import_directories; allow_private_network is refused (operators allow networks in config); secrets only from SLUICE_SOURCE_* variables',
    }),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 9, default: 5 })),
    interval_seconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 604_800, default: 900 })),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Type.String({ pattern: SOURCE_ID_PATTERN }) }, { additionalProperties: false });
const ManagedIdParams = Type.Object(
  { id: Type.String({ pattern: MANAGED_SOURCE_ID_PATTERN, description: 'Lowercase letters, digits, _ . - (max 64)' }) },
  { additionalProperties: false },
);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return {};
  }
}

function definitionView(d: SourceDefinition__Output) {
  return {
    id: d.id,
    kind: d.kind,
    enabled: d.enabled,
    priority: d.priority,
    interval_seconds: d.interval_seconds,
    config: parseJson(d.config_json),
    origin: 'api' as const,
    updated_at: iso(d.updated_at_ms),
  };
}

export const sourceRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const { caller, upstreams } = ctx;
  const security = [{ bearerAuth: [] }];
  const admin = (): PersistenceAdminClient => {
    if (!upstreams.admin)
      throw new ApiError('not_implemented', 'source management is not available in this deployment');
    return upstreams.admin;
  };
  const definitions = async () =>
    (
      await caller.call<object, ListSourceDefinitionsResponse__Output>(
        'persistence',
        admin(),
        admin().ListSourceDefinitions,
        {},
      )
    ).definitions;

  app.get(
    '/v1/sources',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List sources',
        tags: ['sources'],
        security,
        response: {
          200: Type.Object({ sources: Type.Array(SourceSchema), collector_reachable: Type.Boolean() }),
          ...problemResponses(401, 403, 503),
        },
      },
    },
    async () => {
      const collector = upstreams.collector;
      const [defs, configured] = await Promise.all([
        upstreams.admin ? definitions() : Promise.resolve([]),
        collector
          ? caller.call<object, ListSourcesResponse__Output>('collector', collector, collector.ListSources, {}).then(
              (r) => r.sources,
              () => undefined,
            )
          : Promise.resolve(undefined),
      ]);
      const managed = new Set(defs.map((d) => d.id));
      const fromConfig = (configured ?? [])
        .filter((s) => !managed.has(s.id))
        .map((s) => ({
          id: s.id,
          kind: s.kind,
          enabled: s.enabled,
          priority: s.priority,
          interval_seconds: s.interval_seconds,
          config: parseJson(s.config_json),
          origin: 'config' as const,
        }));
      return {
        sources: [...fromConfig, ...defs.map(definitionView)].sort((a, b) => a.id.localeCompare(b.id)),
        collector_reachable: configured !== undefined,
      };
    },
  );

  app.get(
    '/v1/sources/:id',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'A source with its collection state and recent errors',
        tags: ['sources'],
        security,
        params: IdParams,
        response: {
          200: Type.Object({
            id: Type.String(),
            definition: Type.Union([SourceSchema, Type.Null()]),
            state: Type.Union([
              Type.Object({
                last_success_at: Type.Union([Type.String(), Type.Null()]),
                next_fetch_at: Type.Union([Type.String(), Type.Null()]),
                consecutive_errors: Type.Integer(),
                breaker_state: Type.String(),
                last_error: Type.String(),
                items_total: Type.Number(),
              }),
              Type.Null(),
            ]),
            recent_errors: Type.Array(
              Type.Object({
                code: Type.String(),
                message: Type.String(),
                http_status: Type.Integer(),
                url: Type.String(),
                occurred_at: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...problemResponses(401, 403, 404, 503),
        },
      },
    },
    async (request) => {
      const id = request.params.id;
      const p = upstreams.persistence;
      const [state, errors, defs] = await Promise.all([
        caller.call<object, GetSourceStateResponse__Output>('persistence', p, p.GetSourceState, { source_ids: [id] }),
        caller.call<object, ListSourceErrorsResponse__Output>('persistence', p, p.ListSourceErrors, {
          source_id: id,
          limit: 20,
        }),
        upstreams.admin ? definitions() : Promise.resolve([]),
      ]);
      const s = state.states.find((x) => x.source_id === id);
      const def = defs.find((d) => d.id === id);
      if (!s && !def && errors.errors.length === 0) throw new ApiError('source_not_found', `no source has id ${id}`);
      return {
        id,
        definition: def ? definitionView(def) : null,
        state: s
          ? {
              last_success_at: iso(s.last_success_ms),
              next_fetch_at: iso(s.next_fetch_ms),
              consecutive_errors: s.consecutive_errors,
              breaker_state: s.breaker_state,
              last_error: s.last_error,
              items_total: s.items_total,
            }
          : null,
        recent_errors: errors.errors.map((e) => ({
          code: e.code,
          message: e.message,
          http_status: e.http_status,
          url: e.url,
          occurred_at: iso(e.occurred_at_ms),
        })),
      };
    },
  );

  app.put(
    '/v1/sources/:id',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Create or replace a source definition',
        description:
          'Idempotent. 201 when the id was new, 200 when it replaced a definition. The collector picks changes up on its next poll.',
        tags: ['sources'],
        security,
        params: ManagedIdParams,
        body: DefinitionBody,
        response: { 200: SourceSchema, 201: SourceSchema, ...problemResponses(400, 401, 403, 422, 503) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      // What only config/sluice.yaml may say (file paths outside the import folders, private networks, secrets).
      const violations = apiSourceViolations(body.config);
      if (violations.length > 0) {
        const errors = violations.map((v) => ({ pointer: `/body/config${v.pointer}`, message: v.message }));
        throw new ApiError('invalid_parameter', errors.map((e) => `${e.pointer}: ${e.message}`).join('; '), { errors });
      }
      const response = await caller.call<UpsertSourceDefinitionRequest, UpsertSourceDefinitionResponse__Output>(
        'persistence',
        admin(),
        admin().UpsertSourceDefinition,
        {
          definition: {
            id: request.params.id,
            kind: body.kind,
            config_json: JSON.stringify(body.config),
            enabled: body.enabled ?? true,
            priority: body.priority ?? 5,
            interval_seconds: body.interval_seconds ?? 900,
          },
        },
      );
      return reply.code(response.created ? 201 : 200).send(definitionView(response.definition!));
    },
  );

  app.delete(
    '/v1/sources/:id',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Delete a source definition',
        description: 'Stored items stay.',
        tags: ['sources'],
        security,
        params: ManagedIdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      const response = await caller.call<object, DeleteSourceDefinitionResponse__Output>(
        'persistence',
        admin(),
        admin().DeleteSourceDefinition,
        { id: request.params.id },
      );
      if (!response.deleted)
        throw new ApiError(
          'source_not_found',
          `no managed source has id ${request.params.id} (sources from config/sluice.yaml are changed there)`,
        );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/sources/:id/run',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'Collect this source now',
        description: 'Starts a collect job for the source (same as POST /v1/jobs).',
        tags: ['sources'],
        security,
        params: IdParams,
        response: { 202: Type.Ref('Job'), ...problemResponses(401, 403, 404, 501, 503) },
      },
    },
    async (request, reply) => {
      if (!ctx.jobs) throw new ApiError('not_implemented', 'jobs are not available in this deployment');
      const job = await ctx.jobs.start({ kind: 'collect', source_ids: [request.params.id] });
      return reply.code(202).header('location', `/v1/jobs/${job.id}`).send(toJobView(job));
    },
  );
};
