// The one contract every stage that receives a pipeline stream is defined through (like Vector's component
// traits): a name from the declared pipeline, a settings schema, and the stage's own logic, either `process`
// (a relay: transformer, inference, scorer) or `write` (the sink: persistence). The runtime supplies what every
// stage shares: the PipelineStage service, acknowledgement and flow control (stage-server.ts), the stream to the
// next hop (pipeline.ts) with the downstream settings (downstream-settings.ts), drain and close.
import type { z } from '@sluice/service-kit';
import { connect } from './clients.js';
import { deadlineIn } from './channel.js';
import type { DownstreamSettings } from './downstream-settings.js';
import type { Ack } from './generated/sluice/v1/Ack.js';
import type { ItemBatch, ItemBatch__Output } from './generated/sluice/v1/ItemBatch.js';
import { sluiceProto } from './load.js';
import { nextHop, type StreamStageName } from './pipeline.js';
import type { ServiceRegistration } from './server.js';
import {
  main,
  runService,
  type RunServiceOptions,
  type RunningService,
  type ServiceContext,
  type ServiceParts,
} from './service-runtime.js';
import {
  createRelayStage,
  createSinkStage,
  type StageCommon,
  type StageContext,
  type StageHandler,
} from './stage-server.js';

/** What a stage's setup returns besides its logic: the rest of the service (see ServiceParts). */
export interface StageExtras
  extends
    Omit<ServiceParts, 'grpc'>,
    Pick<StageCommon, 'maxInFlightBatchesPerStream' | 'processingBatchesPerStream' | 'priorityAgingMilliseconds'> {
  /** gRPC services the process serves beside PipelineStage (inference's Inference, persistence's reads). */
  grpc?: ServiceRegistration[];
}

export interface RelayLogic extends StageExtras {
  /** Turns a batch into the batch to forward (same batch_id); per-item failures become dead letters. */
  process: (batch: ItemBatch__Output, context: StageContext) => Promise<ItemBatch>;
}

export interface SinkLogic extends StageExtras {
  /** Makes the batch durable and returns its acknowledgement; called only after the commit. */
  write: (batch: ItemBatch__Output, context: StageContext) => Promise<Ack>;
}

export interface StageSpec<S extends z.ZodType> {
  name: StreamStageName;
  settings: S;
  /** Builds the stage's own logic from its context (config, logger, registry, shutdown). */
  setup: (ctx: ServiceContext<z.infer<S>>) => Promise<RelayLogic | SinkLogic>;
}

export interface StageDefinition<S extends z.ZodType> {
  readonly name: StreamStageName;
  readonly settings: S;
  /** The service's parts (what runService starts); `stage` is the PipelineStage handler, for tests. */
  build(ctx: ServiceContext<z.infer<S>>): Promise<ServiceParts & { stage: StageHandler }>;
  /** Runs the stage in this process (tests: port 0 through the config, exitOnShutdown false). */
  run(options?: RunServiceOptions): Promise<RunningService>;
  /** The entry point of main.ts: runs the stage and exits 1 with one clear line when it cannot start. */
  main(): void;
}

/** Defines a pipeline stage; see StageSpec. A relay's settings must include the downstream settings. */
export function defineStage<S extends z.ZodType>(spec: StageSpec<S>): StageDefinition<S> {
  const build = async (ctx: ServiceContext<z.infer<S>>) => {
    const logic = await spec.setup(ctx);
    const { grpc = [], drain, close, ...tuning } = logic;
    const { maxInFlightBatchesPerStream, processingBatchesPerStream, priorityAgingMilliseconds, ...rest } = tuning;
    const common: StageCommon = {
      stage: spec.name,
      logger: ctx.logger,
      registry: ctx.registry,
      maxInFlightBatchesPerStream,
      processingBatchesPerStream,
      priorityAgingMilliseconds,
    };
    let closeDownstream = () => {};
    let stage: StageHandler;
    if ('process' in logic) {
      const next = nextHop(spec.name);
      if (!next) throw new Error(`${spec.name} is the pipeline's sink: define it with write, not process`);
      const settings: unknown = ctx.config.settings;
      if (!hasDownstreamSettings(settings)) throw new Error(`${spec.name}'s settings lack the downstream settings`);
      const downstream = connect('PipelineStage', ctx.config.services[next].grpc_address);
      closeDownstream = () => downstream.close();
      stage = createRelayStage({
        ...common,
        process: logic.process,
        maxInFlightItems: settings.max_in_flight_items,
        downstreamStreams: settings.downstream_streams,
        connectDownstream: () => downstream.Process({ deadline: deadlineIn(settings.stream_deadline_seconds * 1000) }),
      });
    } else {
      stage = createSinkStage({ ...common, write: logic.write });
    }
    const pipelineStage: ServiceRegistration = {
      name: 'sluice.v1.PipelineStage',
      definition: sluiceProto().PipelineStage.service,
      implementation: stage.implementation,
    };
    return {
      ...rest,
      stage,
      grpc: [pipelineStage, ...grpc],
      drain: async () => {
        await stage.drain();
        await drain?.();
      },
      close: async () => {
        closeDownstream();
        await close?.();
      },
    };
  };
  return {
    name: spec.name,
    settings: spec.settings,
    build,
    run: (options) => runService(spec.name, spec.settings, build, options),
    main: () => main(spec.name, spec.settings, build),
  };
}

function hasDownstreamSettings(settings: unknown): settings is DownstreamSettings {
  if (typeof settings !== 'object' || settings === null) return false;
  const fields: Partial<Record<keyof DownstreamSettings, unknown>> = settings;
  return ['max_in_flight_items', 'downstream_streams', 'stream_deadline_seconds'].every(
    (key) => typeof fields[key as keyof DownstreamSettings] === 'number',
  );
}
