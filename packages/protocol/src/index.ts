export { CHANNEL_OPTIONS, createClient, deadlineIn, grpc, propagateDeadline, unary, waitForReady } from './channel.js';
export type { ClientConstructor } from './channel.js';
export { call, connect } from './clients.js';
export type { CallDeadline, RequestOf, ResponseOf, SluiceClients, SluiceService, UnaryMethodName } from './clients.js';
export { HealthImplementation, checkHealth } from './health.js';
export type { ServingStatus } from './health.js';
export { PROTO_LOADER_OPTIONS, protosRoot, sluicePackageDefinition, sluiceProto } from './load.js';
export { HEALTH_SERVICE, REFLECTION_PROTO_PATH, addReflection } from './reflection.js';
export { PipelineFanout, createBatchSender } from './pipeline-fanout.js';
export type { BatchSender } from './pipeline-fanout.js';
export { PipelineSender, SenderClosedError } from './pipeline-sender.js';
export type { PipelineSenderOptions, PipelineStream, SenderEvent } from './pipeline-sender.js';
export { defineStage } from './define-stage.js';
export type { RelayLogic, SinkLogic, StageDefinition, StageExtras, StageSpec } from './define-stage.js';
export { downstreamFields, downstreamSettings } from './downstream-settings.js';
export type { DownstreamDefaults, DownstreamSettings } from './downstream-settings.js';
export { PIPELINE, START_ORDER, STREAM_STAGES, nextHop, startOrder } from './pipeline.js';
export type { PipelineServiceName, SluiceServiceName, StreamStageName } from './pipeline.js';
export { MAX_DEAD_LETTER_DETAIL_CHARACTERS, deadLetter, itemDeadLetter, payloadJson } from './dead-letter.js';
export type { DeadLetterFields } from './dead-letter.js';
export { SharedLog } from './shared-log.js';
export type { AppendOutcome, SharedLogOptions } from './shared-log.js';
export { startGrpcServer } from './server.js';
export type { GrpcServer, ServiceRegistration } from './server.js';
export { createRelayStage, createSinkStage } from './stage-server.js';
export type { RelayStageOptions, SinkStageOptions, StageContext, StageHandler } from './stage-server.js';
export type * from './types.js';
export { main, runService } from './service-runtime.js';
export { observeDownstreamWindow } from './window-metrics.js';
export type {
  RunServiceOptions,
  RunningService,
  ServiceContext,
  ServiceName,
  ServiceParts,
} from './service-runtime.js';
export { MAX_STATUS_DETAILS, statusDetails } from './status-details.js';
