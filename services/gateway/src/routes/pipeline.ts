// GET /v1/pipeline (one snapshot) and GET /v1/pipeline/events (a snapshot every
// gateway.pipeline_poll_interval_milliseconds, server-sent events): what the console's Pipeline page shows.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteContext } from '../app.js';
import type { PipelineMonitor } from '../pipeline/pipeline-monitor.js';
import { problemResponses } from '../schemas.js';
import { openEventStream } from '../sse.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const Histogram = Type.Object({
  buckets: Type.Array(
    Type.Object({
      le: Nullable(Type.Number({ description: 'Upper bound; null: +Inf' })),
      count: Type.Number({ description: 'Observations in this bucket (not cumulative)' }),
    }),
  ),
  count: Type.Number(),
  sum: Type.Number(),
});

export const PipelineSnapshotSchema = Type.Object(
  {
    taken_at: Type.String({ format: 'date-time' }),
    services: Type.Array(
      Type.Object({
        name: Type.String(),
        up: Type.Boolean({ description: 'Its metrics answered' }),
        error: Nullable(Type.String()),
        uptime_seconds: Nullable(Type.Number()),
        restarts: Type.Integer({ description: 'Process restarts the gateway saw (start time changed)' }),
        rss_bytes: Nullable(Type.Number()),
      }),
    ),
    stages: Type.Array(
      Type.Object({
        stage: Type.String(),
        items_in_total: Type.Number(),
        items_out_total: Type.Number(),
        dead_lettered_total: Type.Number(),
        items_in_per_second: Nullable(Type.Number({ description: 'null on the first reading' })),
        items_out_per_second: Nullable(Type.Number()),
        dead_lettered_per_second: Nullable(Type.Number()),
        in_flight_batches: Type.Number({ description: 'Batches received, not yet acknowledged' }),
        downstream_unacked_items: Type.Number({ description: 'Items sent downstream, not yet acknowledged' }),
      }),
    ),
    inference: Type.Object({
      batch_size: Histogram,
      padding_ratio: Histogram,
      queue_depth: Type.Number(),
      in_flight_items: Type.Number(),
      in_flight_limit_items: Type.Number(),
      gpus: Type.Array(
        Type.Object({
          gpu: Type.String(),
          utilization_ratio: Type.Number(),
          memory_bytes: Type.Number(),
          memory_total_bytes: Nullable(Type.Number()),
        }),
      ),
    }),
    collector: Type.Object({
      rate_limit_waits_total: Type.Number(),
      rate_limit_wait_seconds_total: Type.Number(),
      breakers_open: Type.Number(),
    }),
    dead_letters: Type.Array(Type.Object({ stage: Type.String(), reason: Type.String(), total: Type.Number() })),
  },
  { $id: 'PipelineSnapshot' },
);

export const pipelineRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext; monitor: PipelineMonitor }> = async (
  app,
  { ctx, monitor },
) => {
  const security = [{ bearerAuth: [] }];
  app.addSchema(PipelineSnapshotSchema);

  app.get(
    '/v1/pipeline',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Every stage at a glance',
        description:
          "Read from each service's metrics: throughput (rates since the previous reading), in-flight windows, dead letters, inference batch sizes and padding, GPUs, restarts.",
        tags: ['pipeline'],
        security,
        response: { 200: Type.Ref('PipelineSnapshot'), ...problemResponses(401, 403, 429) },
      },
    },
    async () => monitor.snapshot(),
  );

  app.get(
    '/v1/pipeline/events',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Live pipeline snapshots (server-sent events)',
        description:
          'With Accept: text/event-stream: a "snapshot" event every gateway.pipeline_poll_interval_milliseconds (default 2 s), an "error" event when a reading failed (the stream goes on). Without it (a client that does not accept event streams): one snapshot as JSON, like GET /v1/pipeline.',
        tags: ['pipeline'],
        security,
        response: {
          200: {
            description: 'text/event-stream (or one snapshot as JSON)',
            content: {
              'text/event-stream': { schema: Type.String() },
              'application/json': { schema: Type.Ref('PipelineSnapshot') },
            },
          },
          ...problemResponses(401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      if (!/\btext\/event-stream\b/.test(request.headers.accept ?? '')) return monitor.snapshot();
      const stream = openEventStream(request, reply);
      let timer: NodeJS.Timeout | undefined;
      const next = () => {
        if (!stream.closed) timer = setTimeout(tick, ctx.settings.pipeline_poll_interval_milliseconds);
      };
      const tick = () => {
        monitor.snapshot().then(
          (snapshot) => {
            stream.send('snapshot', snapshot);
            next();
          },
          (error: unknown) => {
            request.log.warn({ err: error }, 'pipeline snapshot failed');
            stream.send('error', { code: 'internal_error', detail: 'reading the pipeline metrics failed' });
            next();
          },
        );
      };
      stream.onClose(() => clearTimeout(timer));
      tick();
    },
  );
};
