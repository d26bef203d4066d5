// Original file: protos/sluice/v1/collector.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListSourcesRequest as _sluice_v1_ListSourcesRequest, ListSourcesRequest__Output as _sluice_v1_ListSourcesRequest__Output } from '../../sluice/v1/ListSourcesRequest.js';
import type { ListSourcesResponse as _sluice_v1_ListSourcesResponse, ListSourcesResponse__Output as _sluice_v1_ListSourcesResponse__Output } from '../../sluice/v1/ListSourcesResponse.js';
import type { RunProgress as _sluice_v1_RunProgress, RunProgress__Output as _sluice_v1_RunProgress__Output } from '../../sluice/v1/RunProgress.js';
import type { RunSourcesRequest as _sluice_v1_RunSourcesRequest, RunSourcesRequest__Output as _sluice_v1_RunSourcesRequest__Output } from '../../sluice/v1/RunSourcesRequest.js';

export interface CollectorClient extends grpc.Client {
  ListSources(argument: _sluice_v1_ListSourcesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourcesResponse__Output>): grpc.ClientUnaryCall;
  ListSources(argument: _sluice_v1_ListSourcesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListSourcesResponse__Output>): grpc.ClientUnaryCall;
  ListSources(argument: _sluice_v1_ListSourcesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourcesResponse__Output>): grpc.ClientUnaryCall;
  ListSources(argument: _sluice_v1_ListSourcesRequest, callback: grpc.requestCallback<_sluice_v1_ListSourcesResponse__Output>): grpc.ClientUnaryCall;
  listSources(argument: _sluice_v1_ListSourcesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourcesResponse__Output>): grpc.ClientUnaryCall;
  listSources(argument: _sluice_v1_ListSourcesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListSourcesResponse__Output>): grpc.ClientUnaryCall;
  listSources(argument: _sluice_v1_ListSourcesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourcesResponse__Output>): grpc.ClientUnaryCall;
  listSources(argument: _sluice_v1_ListSourcesRequest, callback: grpc.requestCallback<_sluice_v1_ListSourcesResponse__Output>): grpc.ClientUnaryCall;
  
  RunSources(argument: _sluice_v1_RunSourcesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RunProgress__Output>;
  RunSources(argument: _sluice_v1_RunSourcesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RunProgress__Output>;
  runSources(argument: _sluice_v1_RunSourcesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RunProgress__Output>;
  runSources(argument: _sluice_v1_RunSourcesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_RunProgress__Output>;
  
}

export interface CollectorHandlers extends grpc.UntypedServiceImplementation {
  ListSources: grpc.handleUnaryCall<_sluice_v1_ListSourcesRequest__Output, _sluice_v1_ListSourcesResponse>;
  
  RunSources: grpc.handleServerStreamingCall<_sluice_v1_RunSourcesRequest__Output, _sluice_v1_RunProgress>;
  
}

export interface CollectorDefinition extends grpc.ServiceDefinition {
  ListSources: MethodDefinition<_sluice_v1_ListSourcesRequest, _sluice_v1_ListSourcesResponse, _sluice_v1_ListSourcesRequest__Output, _sluice_v1_ListSourcesResponse__Output>
  RunSources: MethodDefinition<_sluice_v1_RunSourcesRequest, _sluice_v1_RunProgress, _sluice_v1_RunSourcesRequest__Output, _sluice_v1_RunProgress__Output>
}
