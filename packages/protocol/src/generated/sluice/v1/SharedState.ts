// Original file: protos/sluice/v1/shared.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AppendSharedLogRequest as _sluice_v1_AppendSharedLogRequest, AppendSharedLogRequest__Output as _sluice_v1_AppendSharedLogRequest__Output } from '../../sluice/v1/AppendSharedLogRequest.js';
import type { AppendSharedLogResponse as _sluice_v1_AppendSharedLogResponse, AppendSharedLogResponse__Output as _sluice_v1_AppendSharedLogResponse__Output } from '../../sluice/v1/AppendSharedLogResponse.js';
import type { ReadSharedLogRequest as _sluice_v1_ReadSharedLogRequest, ReadSharedLogRequest__Output as _sluice_v1_ReadSharedLogRequest__Output } from '../../sluice/v1/ReadSharedLogRequest.js';
import type { ReadSharedLogResponse as _sluice_v1_ReadSharedLogResponse, ReadSharedLogResponse__Output as _sluice_v1_ReadSharedLogResponse__Output } from '../../sluice/v1/ReadSharedLogResponse.js';
import type { TakeRateTokensRequest as _sluice_v1_TakeRateTokensRequest, TakeRateTokensRequest__Output as _sluice_v1_TakeRateTokensRequest__Output } from '../../sluice/v1/TakeRateTokensRequest.js';
import type { TakeRateTokensResponse as _sluice_v1_TakeRateTokensResponse, TakeRateTokensResponse__Output as _sluice_v1_TakeRateTokensResponse__Output } from '../../sluice/v1/TakeRateTokensResponse.js';

export interface SharedStateClient extends grpc.Client {
  AppendSharedLog(argument: _sluice_v1_AppendSharedLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AppendSharedLogResponse__Output>): grpc.ClientUnaryCall;
  AppendSharedLog(argument: _sluice_v1_AppendSharedLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_AppendSharedLogResponse__Output>): grpc.ClientUnaryCall;
  AppendSharedLog(argument: _sluice_v1_AppendSharedLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AppendSharedLogResponse__Output>): grpc.ClientUnaryCall;
  AppendSharedLog(argument: _sluice_v1_AppendSharedLogRequest, callback: grpc.requestCallback<_sluice_v1_AppendSharedLogResponse__Output>): grpc.ClientUnaryCall;
  appendSharedLog(argument: _sluice_v1_AppendSharedLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AppendSharedLogResponse__Output>): grpc.ClientUnaryCall;
  appendSharedLog(argument: _sluice_v1_AppendSharedLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_AppendSharedLogResponse__Output>): grpc.ClientUnaryCall;
  appendSharedLog(argument: _sluice_v1_AppendSharedLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AppendSharedLogResponse__Output>): grpc.ClientUnaryCall;
  appendSharedLog(argument: _sluice_v1_AppendSharedLogRequest, callback: grpc.requestCallback<_sluice_v1_AppendSharedLogResponse__Output>): grpc.ClientUnaryCall;
  
  ReadSharedLog(argument: _sluice_v1_ReadSharedLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ReadSharedLogResponse__Output>): grpc.ClientUnaryCall;
  ReadSharedLog(argument: _sluice_v1_ReadSharedLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ReadSharedLogResponse__Output>): grpc.ClientUnaryCall;
  ReadSharedLog(argument: _sluice_v1_ReadSharedLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ReadSharedLogResponse__Output>): grpc.ClientUnaryCall;
  ReadSharedLog(argument: _sluice_v1_ReadSharedLogRequest, callback: grpc.requestCallback<_sluice_v1_ReadSharedLogResponse__Output>): grpc.ClientUnaryCall;
  readSharedLog(argument: _sluice_v1_ReadSharedLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ReadSharedLogResponse__Output>): grpc.ClientUnaryCall;
  readSharedLog(argument: _sluice_v1_ReadSharedLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ReadSharedLogResponse__Output>): grpc.ClientUnaryCall;
  readSharedLog(argument: _sluice_v1_ReadSharedLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ReadSharedLogResponse__Output>): grpc.ClientUnaryCall;
  readSharedLog(argument: _sluice_v1_ReadSharedLogRequest, callback: grpc.requestCallback<_sluice_v1_ReadSharedLogResponse__Output>): grpc.ClientUnaryCall;
  
  TakeRateTokens(argument: _sluice_v1_TakeRateTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_TakeRateTokensResponse__Output>): grpc.ClientUnaryCall;
  TakeRateTokens(argument: _sluice_v1_TakeRateTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_TakeRateTokensResponse__Output>): grpc.ClientUnaryCall;
  TakeRateTokens(argument: _sluice_v1_TakeRateTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_TakeRateTokensResponse__Output>): grpc.ClientUnaryCall;
  TakeRateTokens(argument: _sluice_v1_TakeRateTokensRequest, callback: grpc.requestCallback<_sluice_v1_TakeRateTokensResponse__Output>): grpc.ClientUnaryCall;
  takeRateTokens(argument: _sluice_v1_TakeRateTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_TakeRateTokensResponse__Output>): grpc.ClientUnaryCall;
  takeRateTokens(argument: _sluice_v1_TakeRateTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_TakeRateTokensResponse__Output>): grpc.ClientUnaryCall;
  takeRateTokens(argument: _sluice_v1_TakeRateTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_TakeRateTokensResponse__Output>): grpc.ClientUnaryCall;
  takeRateTokens(argument: _sluice_v1_TakeRateTokensRequest, callback: grpc.requestCallback<_sluice_v1_TakeRateTokensResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SharedStateHandlers extends grpc.UntypedServiceImplementation {
  AppendSharedLog: grpc.handleUnaryCall<_sluice_v1_AppendSharedLogRequest__Output, _sluice_v1_AppendSharedLogResponse>;
  
  ReadSharedLog: grpc.handleUnaryCall<_sluice_v1_ReadSharedLogRequest__Output, _sluice_v1_ReadSharedLogResponse>;
  
  TakeRateTokens: grpc.handleUnaryCall<_sluice_v1_TakeRateTokensRequest__Output, _sluice_v1_TakeRateTokensResponse>;
  
}

export interface SharedStateDefinition extends grpc.ServiceDefinition {
  AppendSharedLog: MethodDefinition<_sluice_v1_AppendSharedLogRequest, _sluice_v1_AppendSharedLogResponse, _sluice_v1_AppendSharedLogRequest__Output, _sluice_v1_AppendSharedLogResponse__Output>
  ReadSharedLog: MethodDefinition<_sluice_v1_ReadSharedLogRequest, _sluice_v1_ReadSharedLogResponse, _sluice_v1_ReadSharedLogRequest__Output, _sluice_v1_ReadSharedLogResponse__Output>
  TakeRateTokens: MethodDefinition<_sluice_v1_TakeRateTokensRequest, _sluice_v1_TakeRateTokensResponse, _sluice_v1_TakeRateTokensRequest__Output, _sluice_v1_TakeRateTokensResponse__Output>
}
