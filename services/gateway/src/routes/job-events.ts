// GET /v1/jobs/:id/events: a job's live progress as server-sent events, from the runner when the job runs in
// this replica, else by polling persistence.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Job__Output } from '@sluice/protocol';
import type { RouteContext } from '../app.js';
import type { ApiError } from '../errors.js';
import { getJob, requireJobs } from '../jobs/job-lookup.js';
import { isTerminal, toJobView } from '../job-view.js';
import { problemResponses } from '../schemas.js';
import { openEventStream } from '../sse.js';
import { JobParams } from './jobs.js';

export const jobEventRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const { caller, settings } = ctx;
  const security = [{ bearerAuth: [] }];
  // Open event streams end when the server closes (otherwise close would wait for them).
  const streams = new Set<{ end(): void }>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

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
      const initial = await getJob(caller, admin, request.params.id);
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
        getJob(caller, admin, initial.id).then(
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
