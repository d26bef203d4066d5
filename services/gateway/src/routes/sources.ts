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
  UpsertSourceDefinitionRequest,
  UpsertSourceDefinitionResponse__Output,
} from '@sluice/protocol';
import { apiSourceViolations } from '@sluice/service-kit';
import type { RouteContext } from '../app.js';
import { ApiError } from '../errors.js';
import { toJobView } from '../job-view.js';
import { MANAGED_SOURCE_ID_PATTERN, SOURCE_ID_PATTERN, problemResponses } from '../schemas.js';
import {
  DefinitionBody,
  SourceDetailSchema,
  SourceSchema,
  configuredSourceView,
  definitionView,
  sourceErrorView,
  sourceStateView,
} from '../source-view.js';

const IdParams = Type.Object({ id: Type.String({ pattern: SOURCE_ID_PATTERN }) }, { additionalProperties: false });
const ManagedIdParams = Type.Object(
  { id: Type.String({ pattern: MANAGED_SOURCE_ID_PATTERN, description: 'Lowercase letters, digits, _ . - (max 64)' }) },
  { additionalProperties: false },
);

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
      const fromConfig = (configured ?? []).filter((s) => !managed.has(s.id)).map(configuredSourceView);
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
          200: SourceDetailSchema,
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
        state: s ? sourceStateView(s) : null,
        recent_errors: errors.errors.map(sourceErrorView),
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
