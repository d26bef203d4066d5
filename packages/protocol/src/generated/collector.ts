import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CollectorClient as _sluice_v1_CollectorClient, CollectorDefinition as _sluice_v1_CollectorDefinition } from './sluice/v1/Collector.js';
import type { ListSourcesRequest as _sluice_v1_ListSourcesRequest, ListSourcesRequest__Output as _sluice_v1_ListSourcesRequest__Output } from './sluice/v1/ListSourcesRequest.js';
import type { ListSourcesResponse as _sluice_v1_ListSourcesResponse, ListSourcesResponse__Output as _sluice_v1_ListSourcesResponse__Output } from './sluice/v1/ListSourcesResponse.js';
import type { RunProgress as _sluice_v1_RunProgress, RunProgress__Output as _sluice_v1_RunProgress__Output } from './sluice/v1/RunProgress.js';
import type { RunSourcesRequest as _sluice_v1_RunSourcesRequest, RunSourcesRequest__Output as _sluice_v1_RunSourcesRequest__Output } from './sluice/v1/RunSourcesRequest.js';
import type { SourceInfo as _sluice_v1_SourceInfo, SourceInfo__Output as _sluice_v1_SourceInfo__Output } from './sluice/v1/SourceInfo.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      Collector: SubtypeConstructor<typeof grpc.Client, _sluice_v1_CollectorClient> & { service: _sluice_v1_CollectorDefinition }
      ListSourcesRequest: MessageTypeDefinition<_sluice_v1_ListSourcesRequest, _sluice_v1_ListSourcesRequest__Output>
      ListSourcesResponse: MessageTypeDefinition<_sluice_v1_ListSourcesResponse, _sluice_v1_ListSourcesResponse__Output>
      RunProgress: MessageTypeDefinition<_sluice_v1_RunProgress, _sluice_v1_RunProgress__Output>
      RunSourcesRequest: MessageTypeDefinition<_sluice_v1_RunSourcesRequest, _sluice_v1_RunSourcesRequest__Output>
      SourceInfo: MessageTypeDefinition<_sluice_v1_SourceInfo, _sluice_v1_SourceInfo__Output>
    }
  }
}

