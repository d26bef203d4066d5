import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AppendSharedLogRequest as _sluice_v1_AppendSharedLogRequest, AppendSharedLogRequest__Output as _sluice_v1_AppendSharedLogRequest__Output } from './sluice/v1/AppendSharedLogRequest.js';
import type { AppendSharedLogResponse as _sluice_v1_AppendSharedLogResponse, AppendSharedLogResponse__Output as _sluice_v1_AppendSharedLogResponse__Output } from './sluice/v1/AppendSharedLogResponse.js';
import type { ReadSharedLogRequest as _sluice_v1_ReadSharedLogRequest, ReadSharedLogRequest__Output as _sluice_v1_ReadSharedLogRequest__Output } from './sluice/v1/ReadSharedLogRequest.js';
import type { ReadSharedLogResponse as _sluice_v1_ReadSharedLogResponse, ReadSharedLogResponse__Output as _sluice_v1_ReadSharedLogResponse__Output } from './sluice/v1/ReadSharedLogResponse.js';
import type { SharedLogEntry as _sluice_v1_SharedLogEntry, SharedLogEntry__Output as _sluice_v1_SharedLogEntry__Output } from './sluice/v1/SharedLogEntry.js';
import type { SharedStateClient as _sluice_v1_SharedStateClient, SharedStateDefinition as _sluice_v1_SharedStateDefinition } from './sluice/v1/SharedState.js';
import type { TakeRateTokensRequest as _sluice_v1_TakeRateTokensRequest, TakeRateTokensRequest__Output as _sluice_v1_TakeRateTokensRequest__Output } from './sluice/v1/TakeRateTokensRequest.js';
import type { TakeRateTokensResponse as _sluice_v1_TakeRateTokensResponse, TakeRateTokensResponse__Output as _sluice_v1_TakeRateTokensResponse__Output } from './sluice/v1/TakeRateTokensResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      AppendSharedLogRequest: MessageTypeDefinition<_sluice_v1_AppendSharedLogRequest, _sluice_v1_AppendSharedLogRequest__Output>
      AppendSharedLogResponse: MessageTypeDefinition<_sluice_v1_AppendSharedLogResponse, _sluice_v1_AppendSharedLogResponse__Output>
      ReadSharedLogRequest: MessageTypeDefinition<_sluice_v1_ReadSharedLogRequest, _sluice_v1_ReadSharedLogRequest__Output>
      ReadSharedLogResponse: MessageTypeDefinition<_sluice_v1_ReadSharedLogResponse, _sluice_v1_ReadSharedLogResponse__Output>
      SharedLogEntry: MessageTypeDefinition<_sluice_v1_SharedLogEntry, _sluice_v1_SharedLogEntry__Output>
      SharedState: SubtypeConstructor<typeof grpc.Client, _sluice_v1_SharedStateClient> & { service: _sluice_v1_SharedStateDefinition }
      TakeRateTokensRequest: MessageTypeDefinition<_sluice_v1_TakeRateTokensRequest, _sluice_v1_TakeRateTokensRequest__Output>
      TakeRateTokensResponse: MessageTypeDefinition<_sluice_v1_TakeRateTokensResponse, _sluice_v1_TakeRateTokensResponse__Output>
    }
  }
}

