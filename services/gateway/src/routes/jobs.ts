// Jobs: POST /v1/jobs (collect these sources now, import this file), GET /v1/jobs, GET /v1/jobs/:id,
// POST /v1/jobs/:id/cancel; POST /v1/jobs/import uploads a file to import. Live progress: job-events.ts.
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CancelJobResponse__Output, ListJobsRequest, ListJobsResponse__Output } from '@sluice/protocol';
import type { RouteContext } from '../app.js';
import { ApiError } from '../errors.js';
import { spoolUpload, uploadTooLarge } from '../jobs/upload-spool.js';
import { JOB_STATUSES } from '@sluice/common';
import { getJob, requireJobs } from '../jobs/job-lookup.js';
import { toJobView } from '../job-view.js';
import { SOURCE_ID_PATTERN, problemResponses } from '../schemas.js';

export const JobParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const CreateJobBody = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('collect'),
      source_ids: Type.Optional(
        Type.Array(Type.String({ pattern: SOURCE_ID_PATTERN }), {
          maxItems: 500,
          description: 'Default: every enabled source',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('import'),
      path: Type.String({
        minLength: 1,
        maxLength: 1000,
        description:
          'JSONL file inside gateway.import_directories; one item per line, shaped like a POST /v1/items item',
      }),
      source_id: Type.Optional(Type.String({ pattern: SOURCE_ID_PATTERN, description: 'Default: "import"' })),
    },
    { additionalProperties: false },
  ),
]);

export const jobRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const { caller, settings } = ctx;
  const security = [{ bearerAuth: [] }];
  app.post(
    '/v1/jobs',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'Start a job',
        description:
          "collect: collect these sources now (the collector runs them and reports progress). import: read a JSONL file from the server's import folder into the pipeline. Answers 202 with the job; follow it at GET /v1/jobs/{id} or /v1/jobs/{id}/events.",
        tags: ['jobs'],
        security,
        body: CreateJobBody,
        response: { 202: Type.Ref('Job'), ...problemResponses(400, 401, 403, 422, 429, 501, 503) },
      },
    },
    async (request, reply) => {
      const { runner } = requireJobs(ctx);
      const body = request.body;
      const job = await runner.start(
        body.kind === 'collect'
          ? { kind: 'collect', source_ids: body.source_ids ?? [] }
          : { kind: 'import', path: body.path, source_id: body.source_id },
      );
      return reply.code(202).header('location', `/v1/jobs/${job.id}`).send(toJobView(job));
    },
  );

  // JSONL uploads are spooled as they arrive (never buffered whole in memory), within upload_max_bytes.
  app.addContentTypeParser(['application/x-ndjson', 'application/jsonl'], (_request, payload, done) =>
    done(null, payload),
  );

  app.post(
    '/v1/jobs/import',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'Upload a JSONL file and import it as a job',
        description:
          'Body: Content-Type application/x-ndjson, one item per line shaped like a POST /v1/items item (blank lines are skipped, invalid lines are counted and reported). The upload is stored, then imported in the background: 202 with the job.',
        tags: ['jobs'],
        security,
        querystring: Type.Object(
          { source_id: Type.Optional(Type.String({ pattern: SOURCE_ID_PATTERN, description: 'Default: "import"' })) },
          { additionalProperties: false },
        ),
        response: { 202: Type.Ref('Job'), ...problemResponses(400, 401, 403, 413, 415, 501, 503) },
      },
    },
    async (request, reply) => {
      const { runner } = requireJobs(ctx);
      const limit = settings.upload_max_bytes;
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > limit) throw uploadTooLarge(limit);
      const directory = settings.upload_directory || path.join(tmpdir(), 'sluice-gateway-uploads');
      const { file, bytes } = await spoolUpload(request.body as Readable, directory, limit);
      try {
        const job = await runner.start({
          kind: 'upload',
          file,
          name: `upload-${request.id}.jsonl`,
          bytes,
          source_id: request.query.source_id,
        });
        return reply.code(202).header('location', `/v1/jobs/${job.id}`).send(toJobView(job));
      } catch (error) {
        await rm(file, { force: true });
        throw error;
      }
    },
  );

  app.get(
    '/v1/jobs',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List jobs',
        tags: ['jobs'],
        security,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(JOB_STATUSES.map((s) => Type.Literal(s)))),
            kind: Type.Optional(Type.Union([Type.Literal('collect'), Type.Literal('import')])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            cursor: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            jobs: Type.Array(Type.Ref('Job')),
            next_cursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problemResponses(400, 401, 403, 422, 503),
        },
      },
    },
    async (request) => {
      const { admin } = requireJobs(ctx);
      const q = request.query;
      const response = await caller.call<ListJobsRequest, ListJobsResponse__Output>(
        'persistence',
        admin,
        admin.ListJobs,
        { status: q.status ?? '', kind: q.kind ?? '', limit: q.limit ?? 50, cursor: q.cursor ?? '' },
      );
      return { jobs: response.jobs.map(toJobView), next_cursor: response.next_cursor || null };
    },
  );

  app.get(
    '/v1/jobs/:id',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Get a job (progress, counts, errors)',
        tags: ['jobs'],
        security,
        params: JobParams,
        response: { 200: Type.Ref('Job'), ...problemResponses(401, 403, 404, 503) },
      },
    },
    async (request) => toJobView(await getJob(caller, requireJobs(ctx).admin, request.params.id)),
  );

  app.post(
    '/v1/jobs/:id/cancel',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'Cancel a job',
        description:
          'A queued job is cancelled at once; a running one stops soon after (status becomes cancelled). Finished jobs are returned unchanged.',
        tags: ['jobs'],
        security,
        params: JobParams,
        response: { 200: Type.Ref('Job'), ...problemResponses(401, 403, 404, 503) },
      },
    },
    async (request) => {
      const { admin, runner } = requireJobs(ctx);
      const response = await caller.call<{ id: string }, CancelJobResponse__Output>(
        'persistence',
        admin,
        admin.CancelJob,
        { id: request.params.id },
        { notFound: 'job_not_found' },
      );
      if (!response.found || !response.job) throw new ApiError('job_not_found', `no job has id ${request.params.id}`);
      runner.abortLocal(request.params.id);
      return toJobView(response.job);
    },
  );
};
