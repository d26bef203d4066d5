// The inference service's wiring: owns the device, batches requests from every caller (pipeline stream, Embed,
// Classify, Infer) per model, and reports NOT_SERVING until its models are loaded and warmed up.
import {
  defineStage,
  sluiceProto,
  type ItemBatch__Output,
  type ServiceContext,
  type StageContext,
} from '@sluice/protocol';
import { repoRoot } from '@sluice/service-kit';
import { inferenceServiceImplementation } from './grpc-service.js';
import { declareGpuGauges, startGpuMonitor } from './gpu-monitor.js';
import { InferenceCore, modelSelection } from './inference-core.js';
import { InferenceMetrics } from './metrics.js';
import { processBatch } from './pipeline-stage.js';
import { inferenceSettingsSchema, type InferenceSettings } from './settings.js';

/** The inference stage; main.ts runs it, tests run inferenceStage.build in-process with runService. */
export const inferenceStage = defineStage({
  name: 'inference',
  settings: inferenceSettingsSchema,
  setup: (ctx) => setupInference(ctx),
});

/** The inference service's own parts; `hooks.core` sees the core as soon as it exists (benchmarks, tests). */
export async function setupInference(
  ctx: ServiceContext<InferenceSettings>,
  hooks: { core?: (core: InferenceCore) => void } = {},
) {
  const settings = ctx.config.settings;
  const proto = sluiceProto();
  const metrics = new InferenceMetrics(ctx.registry);
  metrics.inFlightLimit.set(settings.max_in_flight_inputs);
  metrics.maxBatchSize.set(settings.max_batch_size);
  metrics.deviceMemoryBudget.set(settings.max_device_memory_gigabytes * 1024 ** 3);
  const core = new InferenceCore({ settings, repoRoot, logger: ctx.logger, metrics });
  hooks.core?.(core);
  let reloading: Promise<void> | undefined;
  const gpuGauges = declareGpuGauges(ctx.registry);
  let stopGpuMonitor = () => {};
  // ReloadModels: the model lists are read again from the config (other settings need a restart).
  const reload = () =>
    (reloading ??= (async () => {
      const fresh = ctx.reloadSettings();
      const { loaded, unloaded } = await core.loadModels(modelSelection(fresh));
      ctx.logger.info({ loaded, unloaded }, 'models reloaded');
    })().finally(() => (reloading = undefined)));
  return {
    process: (batch: ItemBatch__Output, context: StageContext) => processBatch(core, batch, context.signal),
    priorityAgingMilliseconds: settings.priority_aging_milliseconds,
    grpc: [
      {
        name: 'sluice.v1.Inference',
        definition: proto.Inference.service,
        implementation: inferenceServiceImplementation(core, {
          defaultDeadlineSeconds: settings.default_deadline_seconds,
          reload,
        }),
      },
    ],
    manualReady: true,
    describe: () => ({
      models: core.describeModels().map((m) => `${m.name} (${m.execution_provider})`),
      in_flight_inputs: core.inFlight,
    }),
    started: () => {
      // Load and warm up after the server listens, so health checks answer NOT_SERVING meanwhile.
      core.start().then(
        () => {
          ctx.logger.info(
            { models: core.describeModels().map((m) => ({ name: m.name, provider: m.execution_provider })) },
            'models loaded and warmed up',
          );
          if (core.describeModels().some((m) => m.execution_provider.startsWith('cuda')))
            stopGpuMonitor = startGpuMonitor(gpuGauges);
          ctx.setReady(true);
        },
        (error: Error) => {
          ctx.logger.fatal({ err: error }, `inference failed to load its models: ${error.message}`);
          process.exitCode = 1;
          void ctx.shutdown.shutdown('model load failed');
        },
      );
    },
    close: () => {
      stopGpuMonitor();
      return core.close();
    },
  };
}
