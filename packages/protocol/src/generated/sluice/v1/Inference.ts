// Original file: protos/sluice/v1/inference.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ClassifyRequest as _sluice_v1_ClassifyRequest, ClassifyRequest__Output as _sluice_v1_ClassifyRequest__Output } from '../../sluice/v1/ClassifyRequest.js';
import type { ClassifyResponse as _sluice_v1_ClassifyResponse, ClassifyResponse__Output as _sluice_v1_ClassifyResponse__Output } from '../../sluice/v1/ClassifyResponse.js';
import type { EmbedRequest as _sluice_v1_EmbedRequest, EmbedRequest__Output as _sluice_v1_EmbedRequest__Output } from '../../sluice/v1/EmbedRequest.js';
import type { EmbedResponse as _sluice_v1_EmbedResponse, EmbedResponse__Output as _sluice_v1_EmbedResponse__Output } from '../../sluice/v1/EmbedResponse.js';
import type { InferRequest as _sluice_v1_InferRequest, InferRequest__Output as _sluice_v1_InferRequest__Output } from '../../sluice/v1/InferRequest.js';
import type { InferResponse as _sluice_v1_InferResponse, InferResponse__Output as _sluice_v1_InferResponse__Output } from '../../sluice/v1/InferResponse.js';
import type { ListModelsRequest as _sluice_v1_ListModelsRequest, ListModelsRequest__Output as _sluice_v1_ListModelsRequest__Output } from '../../sluice/v1/ListModelsRequest.js';
import type { ListModelsResponse as _sluice_v1_ListModelsResponse, ListModelsResponse__Output as _sluice_v1_ListModelsResponse__Output } from '../../sluice/v1/ListModelsResponse.js';
import type { ReloadModelsRequest as _sluice_v1_ReloadModelsRequest, ReloadModelsRequest__Output as _sluice_v1_ReloadModelsRequest__Output } from '../../sluice/v1/ReloadModelsRequest.js';
import type { SimilarityRequest as _sluice_v1_SimilarityRequest, SimilarityRequest__Output as _sluice_v1_SimilarityRequest__Output } from '../../sluice/v1/SimilarityRequest.js';
import type { SimilarityResponse as _sluice_v1_SimilarityResponse, SimilarityResponse__Output as _sluice_v1_SimilarityResponse__Output } from '../../sluice/v1/SimilarityResponse.js';

export interface InferenceClient extends grpc.Client {
  Classify(argument: _sluice_v1_ClassifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  Classify(argument: _sluice_v1_ClassifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  Classify(argument: _sluice_v1_ClassifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  Classify(argument: _sluice_v1_ClassifyRequest, callback: grpc.requestCallback<_sluice_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  classify(argument: _sluice_v1_ClassifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  classify(argument: _sluice_v1_ClassifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  classify(argument: _sluice_v1_ClassifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  classify(argument: _sluice_v1_ClassifyRequest, callback: grpc.requestCallback<_sluice_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  
  Embed(argument: _sluice_v1_EmbedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_EmbedResponse__Output>): grpc.ClientUnaryCall;
  Embed(argument: _sluice_v1_EmbedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_EmbedResponse__Output>): grpc.ClientUnaryCall;
  Embed(argument: _sluice_v1_EmbedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_EmbedResponse__Output>): grpc.ClientUnaryCall;
  Embed(argument: _sluice_v1_EmbedRequest, callback: grpc.requestCallback<_sluice_v1_EmbedResponse__Output>): grpc.ClientUnaryCall;
  embed(argument: _sluice_v1_EmbedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_EmbedResponse__Output>): grpc.ClientUnaryCall;
  embed(argument: _sluice_v1_EmbedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_EmbedResponse__Output>): grpc.ClientUnaryCall;
  embed(argument: _sluice_v1_EmbedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_EmbedResponse__Output>): grpc.ClientUnaryCall;
  embed(argument: _sluice_v1_EmbedRequest, callback: grpc.requestCallback<_sluice_v1_EmbedResponse__Output>): grpc.ClientUnaryCall;
  
  Infer(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_InferRequest, _sluice_v1_InferResponse__Output>;
  Infer(options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_InferRequest, _sluice_v1_InferResponse__Output>;
  infer(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_InferRequest, _sluice_v1_InferResponse__Output>;
  infer(options?: grpc.CallOptions): grpc.ClientDuplexStream<_sluice_v1_InferRequest, _sluice_v1_InferResponse__Output>;
  
  ListModels(argument: _sluice_v1_ListModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _sluice_v1_ListModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _sluice_v1_ListModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _sluice_v1_ListModelsRequest, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _sluice_v1_ListModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _sluice_v1_ListModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _sluice_v1_ListModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _sluice_v1_ListModelsRequest, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  
  ReloadModels(argument: _sluice_v1_ReloadModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ReloadModels(argument: _sluice_v1_ReloadModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ReloadModels(argument: _sluice_v1_ReloadModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ReloadModels(argument: _sluice_v1_ReloadModelsRequest, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  reloadModels(argument: _sluice_v1_ReloadModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  reloadModels(argument: _sluice_v1_ReloadModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  reloadModels(argument: _sluice_v1_ReloadModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  reloadModels(argument: _sluice_v1_ReloadModelsRequest, callback: grpc.requestCallback<_sluice_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  
  Similarity(argument: _sluice_v1_SimilarityRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SimilarityResponse__Output>): grpc.ClientUnaryCall;
  Similarity(argument: _sluice_v1_SimilarityRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SimilarityResponse__Output>): grpc.ClientUnaryCall;
  Similarity(argument: _sluice_v1_SimilarityRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SimilarityResponse__Output>): grpc.ClientUnaryCall;
  Similarity(argument: _sluice_v1_SimilarityRequest, callback: grpc.requestCallback<_sluice_v1_SimilarityResponse__Output>): grpc.ClientUnaryCall;
  similarity(argument: _sluice_v1_SimilarityRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SimilarityResponse__Output>): grpc.ClientUnaryCall;
  similarity(argument: _sluice_v1_SimilarityRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SimilarityResponse__Output>): grpc.ClientUnaryCall;
  similarity(argument: _sluice_v1_SimilarityRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SimilarityResponse__Output>): grpc.ClientUnaryCall;
  similarity(argument: _sluice_v1_SimilarityRequest, callback: grpc.requestCallback<_sluice_v1_SimilarityResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface InferenceHandlers extends grpc.UntypedServiceImplementation {
  Classify: grpc.handleUnaryCall<_sluice_v1_ClassifyRequest__Output, _sluice_v1_ClassifyResponse>;
  
  Embed: grpc.handleUnaryCall<_sluice_v1_EmbedRequest__Output, _sluice_v1_EmbedResponse>;
  
  Infer: grpc.handleBidiStreamingCall<_sluice_v1_InferRequest__Output, _sluice_v1_InferResponse>;
  
  ListModels: grpc.handleUnaryCall<_sluice_v1_ListModelsRequest__Output, _sluice_v1_ListModelsResponse>;
  
  ReloadModels: grpc.handleUnaryCall<_sluice_v1_ReloadModelsRequest__Output, _sluice_v1_ListModelsResponse>;
  
  Similarity: grpc.handleUnaryCall<_sluice_v1_SimilarityRequest__Output, _sluice_v1_SimilarityResponse>;
  
}

export interface InferenceDefinition extends grpc.ServiceDefinition {
  Classify: MethodDefinition<_sluice_v1_ClassifyRequest, _sluice_v1_ClassifyResponse, _sluice_v1_ClassifyRequest__Output, _sluice_v1_ClassifyResponse__Output>
  Embed: MethodDefinition<_sluice_v1_EmbedRequest, _sluice_v1_EmbedResponse, _sluice_v1_EmbedRequest__Output, _sluice_v1_EmbedResponse__Output>
  Infer: MethodDefinition<_sluice_v1_InferRequest, _sluice_v1_InferResponse, _sluice_v1_InferRequest__Output, _sluice_v1_InferResponse__Output>
  ListModels: MethodDefinition<_sluice_v1_ListModelsRequest, _sluice_v1_ListModelsResponse, _sluice_v1_ListModelsRequest__Output, _sluice_v1_ListModelsResponse__Output>
  ReloadModels: MethodDefinition<_sluice_v1_ReloadModelsRequest, _sluice_v1_ListModelsResponse, _sluice_v1_ReloadModelsRequest__Output, _sluice_v1_ListModelsResponse__Output>
  Similarity: MethodDefinition<_sluice_v1_SimilarityRequest, _sluice_v1_SimilarityResponse, _sluice_v1_SimilarityRequest__Output, _sluice_v1_SimilarityResponse__Output>
}
