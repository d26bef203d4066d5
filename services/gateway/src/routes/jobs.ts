// Jobs: POST /v1/jobs (collect these sources now, import this file), GET /v1/jobs, GET /v1/jobs/:id,
// GET /v1/jobs/:id/events (server-sent events with live progress), POST /v1/jobs/:id/cancel.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  CancelJobResponse__Output,
  GetJobResponse__Output,
  Job__Output,
  ListJobsRequest,
  ListJobsResponse__Output,
  PersistenceAdminClient,
} from '@sluice/protocol';
import type { RouteContext } from '../app.js';
import { ApiError } from '../errors.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { JOB_STATUSES } from '@sluice/common';
import { isTerminal, toJobView } from '../job-view.js';
import { SOURCE_ID_PATTERN, problemResponses } from '../schemas.js';
import { openEventStream } from '../sse.js';

const JobParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

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

function requireJobs(ctx: RouteContext): { admin: PersistenceAdminClient; runner: JobRunner } {
  if (!ctx.upstreams.admin || !ctx.jobs)
    throw new ApiError('not_implemented', 'jobs are not available in this deployment');
  return { admin: ctx.upstreams.admin, runner: ctx.jobs };
}

export const jobRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const { caller, settings } = ctx;
  const security = [{ bearerAuth: [] }];
  // Open event streams end when the server closes (otherwise close would wait for them).
  const streams = new Set<{ end(): void }>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  const getJob = async (admin: PersistenceAdminClient, id: string): Promise<Job__Output> => {
    const response = await caller.call<{ id: string }, GetJobResponse__Output>(
      'persistence',
      admin,
      admin.GetJob,
      { id },
      { notFound: 'job_not_found' },
    );
    if (!response.found || !response.job) throw new ApiError('job_not_found', `no job has id ${id}`);
    return response.job;
  };

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
      if (declared > limit)
        throw new ApiError('payload_too_large', `uploads are limited to ${limit} bytes (gateway.upload_max_bytes)`);
      const directory = settings.upload_directory || path.join(tmpdir(), 'sluice-gateway-uploads');
      await mkdir(directory, { recursive: true });
      const file = path.join(directory, `${randomUUID()}.jsonl`);
      let bytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          if (bytes > limit)
            callback(
              new ApiError('payload_too_large', `uploads are limited to ${limit} bytes (gateway.upload_max_bytes)`),
            );
          else callback(null, chunk);
        },
      });
      try {
        await pipeline(request.body as Readable, counter, createWriteStream(file));
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
    async (request) => toJobView(await getJob(requireJobs(ctx).admin, request.params.id)),
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

  app.get(
    '/v1/jobs/:id/events',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Live progress (server-sent events)',
        description:
          'text/event-stream: a "progress" event with the job at every change, then "done" with the final job when it is finished.',
        tags: ['jobs'],
        security,
        params: JobParams,
        response: {
          200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: Type.String() } } },
          ...problemResponses(401, 403, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { admin, runner } = requireJobs(ctx);
      // Resolve the job first, so an unknown id is a plain 404 rather than an empty stream.
      const initial = await getJob(admin, request.params.id);
      const stream = openEventStream(request, reply);
      streams.add(stream);
      stream.onClose(() => streams.delete(stream));
      const emit = (job: Job__Output) => {
        const view = toJobView(job);
        stream.send('progress', view);
        if (isTerminal(job.status)) {
          stream.send('done', view);
          stream.end();
        }
      };
      emit(initial);
      if (stream.closed) return;
      const unsubscribe = runner.subscribe(initial.id, emit);
      if (unsubscribe) {
        stream.onClose(unsubscribe);
        return;
      }
      // Not running in this replica: poll persistence for changes.
      let lastUpdate = initial.updated_at_ms;
      const timer = setInterval(() => {
        getJob(admin, initial.id).then(
          (job) => {
            if (job.updated_at_ms !== lastUpdate || isTerminal(job.status)) {
              lastUpdate = job.updated_at_ms;
              emit(job);
            }
          },
          (error: ApiError) => {
            stream.send('error', { code: error.code, detail: error.detail });
            stream.end();
          },
        );
      }, settings.job_poll_interval_milliseconds);
      stream.onClose(() => clearInterval(timer));
    },
  );
};
