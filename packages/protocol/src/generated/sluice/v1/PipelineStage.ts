// Original file: protos/sluice/v1/pipeline.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Ack as _sluice_v1_Ack, Ack__Output as _sluice_v1_Ack__Output } from '../../sluice/v1/Ack.js';
import type { ItemBatch as _sluice_v1_ItemBatch, ItemBatch__Output as _sluice_v1_ItemBatch__Output } from '../../sluice/v1/ItemBatch.js';

/**
 * Implemented by transformer, inference, scorer and persistence. The collector (and the gateway's push route)
 * open one stream each; a stage opens one downstream stream per upstream stream and relays acks back.
 */
export interface PipelineStageClient extends grpc.Client {
  Process(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_ItemBatch, _sluice_v1_Ack__Output>;
  Process(options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_ItemBatch, _sluice_v1_Ack__Output>;
  process(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_ItemBatch, _sluice_v1_Ack__Output>;
  process(options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_ItemBatch, _sluice_v1_Ack__Output>;
  
}

/**
 * Implemented by transformer, inference, scorer and persistence. The collector (and the gateway's push route)
 * open one stream each; a stage opens one downstream stream per upstream stream and relays acks back.
 */
export interface PipelineStageHandlers extends grpc.UntypedServiceImplementation {
  Process: grpc.handleBidiStreamingCall<_sluice_v1_ItemBatch__Output, _sluice_v1_Ack>;
  
}

export interface PipelineStageDefinition extends grpc.ServiceDefinition {
  Process: MethodDefinition<_sluice_v1_ItemBatch, _sluice_v1_Ack, _sluice_v1_ItemBatch__Output, _sluice_v1_Ack__Output>
}
