// Original file: protos/sluice/v1/persistence.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CountItemsRequest as _sluice_v1_CountItemsRequest, CountItemsRequest__Output as _sluice_v1_CountItemsRequest__Output } from '../../sluice/v1/CountItemsRequest.js';
import type { CountItemsResponse as _sluice_v1_CountItemsResponse, CountItemsResponse__Output as _sluice_v1_CountItemsResponse__Output } from '../../sluice/v1/CountItemsResponse.js';
import type { GetItemRequest as _sluice_v1_GetItemRequest, GetItemRequest__Output as _sluice_v1_GetItemRequest__Output } from '../../sluice/v1/GetItemRequest.js';
import type { GetItemResponse as _sluice_v1_GetItemResponse, GetItemResponse__Output as _sluice_v1_GetItemResponse__Output } from '../../sluice/v1/GetItemResponse.js';
import type { GetSourceStateRequest as _sluice_v1_GetSourceStateRequest, GetSourceStateRequest__Output as _sluice_v1_GetSourceStateRequest__Output } from '../../sluice/v1/GetSourceStateRequest.js';
import type { GetSourceStateResponse as _sluice_v1_GetSourceStateResponse, GetSourceStateResponse__Output as _sluice_v1_GetSourceStateResponse__Output } from '../../sluice/v1/GetSourceStateResponse.js';
import type { LeaseSourcesRequest as _sluice_v1_LeaseSourcesRequest, LeaseSourcesRequest__Output as _sluice_v1_LeaseSourcesRequest__Output } from '../../sluice/v1/LeaseSourcesRequest.js';
import type { LeaseSourcesResponse as _sluice_v1_LeaseSourcesResponse, LeaseSourcesResponse__Output as _sluice_v1_LeaseSourcesResponse__Output } from '../../sluice/v1/LeaseSourcesResponse.js';
import type { ListItemsRequest as _sluice_v1_ListItemsRequest, ListItemsRequest__Output as _sluice_v1_ListItemsRequest__Output } from '../../sluice/v1/ListItemsRequest.js';
import type { ListItemsResponse as _sluice_v1_ListItemsResponse, ListItemsResponse__Output as _sluice_v1_ListItemsResponse__Output } from '../../sluice/v1/ListItemsResponse.js';
import type { ListSourceErrorsRequest as _sluice_v1_ListSourceErrorsRequest, ListSourceErrorsRequest__Output as _sluice_v1_ListSourceErrorsRequest__Output } from '../../sluice/v1/ListSourceErrorsRequest.js';
import type { ListSourceErrorsResponse as _sluice_v1_ListSourceErrorsResponse, ListSourceErrorsResponse__Output as _sluice_v1_ListSourceErrorsResponse__Output } from '../../sluice/v1/ListSourceErrorsResponse.js';
import type { RecordSourceErrorRequest as _sluice_v1_RecordSourceErrorRequest, RecordSourceErrorRequest__Output as _sluice_v1_RecordSourceErrorRequest__Output } from '../../sluice/v1/RecordSourceErrorRequest.js';
import type { RecordSourceErrorResponse as _sluice_v1_RecordSourceErrorResponse, RecordSourceErrorResponse__Output as _sluice_v1_RecordSourceErrorResponse__Output } from '../../sluice/v1/RecordSourceErrorResponse.js';
import type { ReleaseSourcesRequest as _sluice_v1_ReleaseSourcesRequest, ReleaseSourcesRequest__Output as _sluice_v1_ReleaseSourcesRequest__Output } from '../../sluice/v1/ReleaseSourcesRequest.js';
import type { ReleaseSourcesResponse as _sluice_v1_ReleaseSourcesResponse, ReleaseSourcesResponse__Output as _sluice_v1_ReleaseSourcesResponse__Output } from '../../sluice/v1/ReleaseSourcesResponse.js';
import type { SaveSourceStateRequest as _sluice_v1_SaveSourceStateRequest, SaveSourceStateRequest__Output as _sluice_v1_SaveSourceStateRequest__Output } from '../../sluice/v1/SaveSourceStateRequest.js';
import type { SaveSourceStateResponse as _sluice_v1_SaveSourceStateResponse, SaveSourceStateResponse__Output as _sluice_v1_SaveSourceStateResponse__Output } from '../../sluice/v1/SaveSourceStateResponse.js';
import type { SearchItemsRequest as _sluice_v1_SearchItemsRequest, SearchItemsRequest__Output as _sluice_v1_SearchItemsRequest__Output } from '../../sluice/v1/SearchItemsRequest.js';
import type { SearchItemsResponse as _sluice_v1_SearchItemsResponse, SearchItemsResponse__Output as _sluice_v1_SearchItemsResponse__Output } from '../../sluice/v1/SearchItemsResponse.js';

/**
 * Reads, source state and errors; writes arrive on the PipelineStage stream.
 */
export interface PersistenceClient extends grpc.Client {
  CountItems(argument: _sluice_v1_CountItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CountItemsResponse__Output>): grpc.ClientUnaryCall;
  CountItems(argument: _sluice_v1_CountItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CountItemsResponse__Output>): grpc.ClientUnaryCall;
  CountItems(argument: _sluice_v1_CountItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CountItemsResponse__Output>): grpc.ClientUnaryCall;
  CountItems(argument: _sluice_v1_CountItemsRequest, callback: grpc.requestCallback<_sluice_v1_CountItemsResponse__Output>): grpc.ClientUnaryCall;
  countItems(argument: _sluice_v1_CountItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CountItemsResponse__Output>): grpc.ClientUnaryCall;
  countItems(argument: _sluice_v1_CountItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CountItemsResponse__Output>): grpc.ClientUnaryCall;
  countItems(argument: _sluice_v1_CountItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CountItemsResponse__Output>): grpc.ClientUnaryCall;
  countItems(argument: _sluice_v1_CountItemsRequest, callback: grpc.requestCallback<_sluice_v1_CountItemsResponse__Output>): grpc.ClientUnaryCall;
  
  GetItem(argument: _sluice_v1_GetItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetItemResponse__Output>): grpc.ClientUnaryCall;
  GetItem(argument: _sluice_v1_GetItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_GetItemResponse__Output>): grpc.ClientUnaryCall;
  GetItem(argument: _sluice_v1_GetItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetItemResponse__Output>): grpc.ClientUnaryCall;
  GetItem(argument: _sluice_v1_GetItemRequest, callback: grpc.requestCallback<_sluice_v1_GetItemResponse__Output>): grpc.ClientUnaryCall;
  getItem(argument: _sluice_v1_GetItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetItemResponse__Output>): grpc.ClientUnaryCall;
  getItem(argument: _sluice_v1_GetItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_GetItemResponse__Output>): grpc.ClientUnaryCall;
  getItem(argument: _sluice_v1_GetItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetItemResponse__Output>): grpc.ClientUnaryCall;
  getItem(argument: _sluice_v1_GetItemRequest, callback: grpc.requestCallback<_sluice_v1_GetItemResponse__Output>): grpc.ClientUnaryCall;
  
  GetSourceState(argument: _sluice_v1_GetSourceStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetSourceStateResponse__Output>): grpc.ClientUnaryCall;
  GetSourceState(argument: _sluice_v1_GetSourceStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_GetSourceStateResponse__Output>): grpc.ClientUnaryCall;
  GetSourceState(argument: _sluice_v1_GetSourceStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetSourceStateResponse__Output>): grpc.ClientUnaryCall;
  GetSourceState(argument: _sluice_v1_GetSourceStateRequest, callback: grpc.requestCallback<_sluice_v1_GetSourceStateResponse__Output>): grpc.ClientUnaryCall;
  getSourceState(argument: _sluice_v1_GetSourceStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetSourceStateResponse__Output>): grpc.ClientUnaryCall;
  getSourceState(argument: _sluice_v1_GetSourceStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_GetSourceStateResponse__Output>): grpc.ClientUnaryCall;
  getSourceState(argument: _sluice_v1_GetSourceStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetSourceStateResponse__Output>): grpc.ClientUnaryCall;
  getSourceState(argument: _sluice_v1_GetSourceStateRequest, callback: grpc.requestCallback<_sluice_v1_GetSourceStateResponse__Output>): grpc.ClientUnaryCall;
  
  LeaseSources(argument: _sluice_v1_LeaseSourcesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_LeaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  LeaseSources(argument: _sluice_v1_LeaseSourcesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_LeaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  LeaseSources(argument: _sluice_v1_LeaseSourcesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_LeaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  LeaseSources(argument: _sluice_v1_LeaseSourcesRequest, callback: grpc.requestCallback<_sluice_v1_LeaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  leaseSources(argument: _sluice_v1_LeaseSourcesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_LeaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  leaseSources(argument: _sluice_v1_LeaseSourcesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_LeaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  leaseSources(argument: _sluice_v1_LeaseSourcesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_LeaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  leaseSources(argument: _sluice_v1_LeaseSourcesRequest, callback: grpc.requestCallback<_sluice_v1_LeaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  
  ListItems(argument: _sluice_v1_ListItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _sluice_v1_ListItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _sluice_v1_ListItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  ListItems(argument: _sluice_v1_ListItemsRequest, callback: grpc.requestCallback<_sluice_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _sluice_v1_ListItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _sluice_v1_ListItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _sluice_v1_ListItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  listItems(argument: _sluice_v1_ListItemsRequest, callback: grpc.requestCallback<_sluice_v1_ListItemsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSourceErrors(argument: _sluice_v1_ListSourceErrorsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourceErrorsResponse__Output>): grpc.ClientUnaryCall;
  ListSourceErrors(argument: _sluice_v1_ListSourceErrorsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListSourceErrorsResponse__Output>): grpc.ClientUnaryCall;
  ListSourceErrors(argument: _sluice_v1_ListSourceErrorsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourceErrorsResponse__Output>): grpc.ClientUnaryCall;
  ListSourceErrors(argument: _sluice_v1_ListSourceErrorsRequest, callback: grpc.requestCallback<_sluice_v1_ListSourceErrorsResponse__Output>): grpc.ClientUnaryCall;
  listSourceErrors(argument: _sluice_v1_ListSourceErrorsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourceErrorsResponse__Output>): grpc.ClientUnaryCall;
  listSourceErrors(argument: _sluice_v1_ListSourceErrorsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListSourceErrorsResponse__Output>): grpc.ClientUnaryCall;
  listSourceErrors(argument: _sluice_v1_ListSourceErrorsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourceErrorsResponse__Output>): grpc.ClientUnaryCall;
  listSourceErrors(argument: _sluice_v1_ListSourceErrorsRequest, callback: grpc.requestCallback<_sluice_v1_ListSourceErrorsResponse__Output>): grpc.ClientUnaryCall;
  
  RecordSourceError(argument: _sluice_v1_RecordSourceErrorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RecordSourceErrorResponse__Output>): grpc.ClientUnaryCall;
  RecordSourceError(argument: _sluice_v1_RecordSourceErrorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_RecordSourceErrorResponse__Output>): grpc.ClientUnaryCall;
  RecordSourceError(argument: _sluice_v1_RecordSourceErrorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RecordSourceErrorResponse__Output>): grpc.ClientUnaryCall;
  RecordSourceError(argument: _sluice_v1_RecordSourceErrorRequest, callback: grpc.requestCallback<_sluice_v1_RecordSourceErrorResponse__Output>): grpc.ClientUnaryCall;
  recordSourceError(argument: _sluice_v1_RecordSourceErrorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RecordSourceErrorResponse__Output>): grpc.ClientUnaryCall;
  recordSourceError(argument: _sluice_v1_RecordSourceErrorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_RecordSourceErrorResponse__Output>): grpc.ClientUnaryCall;
  recordSourceError(argument: _sluice_v1_RecordSourceErrorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RecordSourceErrorResponse__Output>): grpc.ClientUnaryCall;
  recordSourceError(argument: _sluice_v1_RecordSourceErrorRequest, callback: grpc.requestCallback<_sluice_v1_RecordSourceErrorResponse__Output>): grpc.ClientUnaryCall;
  
  ReleaseSources(argument: _sluice_v1_ReleaseSourcesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ReleaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  ReleaseSources(argument: _sluice_v1_ReleaseSourcesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ReleaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  ReleaseSources(argument: _sluice_v1_ReleaseSourcesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ReleaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  ReleaseSources(argument: _sluice_v1_ReleaseSourcesRequest, callback: grpc.requestCallback<_sluice_v1_ReleaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  releaseSources(argument: _sluice_v1_ReleaseSourcesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ReleaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  releaseSources(argument: _sluice_v1_ReleaseSourcesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ReleaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  releaseSources(argument: _sluice_v1_ReleaseSourcesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ReleaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  releaseSources(argument: _sluice_v1_ReleaseSourcesRequest, callback: grpc.requestCallback<_sluice_v1_ReleaseSourcesResponse__Output>): grpc.ClientUnaryCall;
  
  SaveSourceState(argument: _sluice_v1_SaveSourceStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SaveSourceStateResponse__Output>): grpc.ClientUnaryCall;
  SaveSourceState(argument: _sluice_v1_SaveSourceStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SaveSourceStateResponse__Output>): grpc.ClientUnaryCall;
  SaveSourceState(argument: _sluice_v1_SaveSourceStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SaveSourceStateResponse__Output>): grpc.ClientUnaryCall;
  SaveSourceState(argument: _sluice_v1_SaveSourceStateRequest, callback: grpc.requestCallback<_sluice_v1_SaveSourceStateResponse__Output>): grpc.ClientUnaryCall;
  saveSourceState(argument: _sluice_v1_SaveSourceStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SaveSourceStateResponse__Output>): grpc.ClientUnaryCall;
  saveSourceState(argument: _sluice_v1_SaveSourceStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SaveSourceStateResponse__Output>): grpc.ClientUnaryCall;
  saveSourceState(argument: _sluice_v1_SaveSourceStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SaveSourceStateResponse__Output>): grpc.ClientUnaryCall;
  saveSourceState(argument: _sluice_v1_SaveSourceStateRequest, callback: grpc.requestCallback<_sluice_v1_SaveSourceStateResponse__Output>): grpc.ClientUnaryCall;
  
  SearchItems(argument: _sluice_v1_SearchItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SearchItemsResponse__Output>): grpc.ClientUnaryCall;
  SearchItems(argument: _sluice_v1_SearchItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SearchItemsResponse__Output>): grpc.ClientUnaryCall;
  SearchItems(argument: _sluice_v1_SearchItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SearchItemsResponse__Output>): grpc.ClientUnaryCall;
  SearchItems(argument: _sluice_v1_SearchItemsRequest, callback: grpc.requestCallback<_sluice_v1_SearchItemsResponse__Output>): grpc.ClientUnaryCall;
  searchItems(argument: _sluice_v1_SearchItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SearchItemsResponse__Output>): grpc.ClientUnaryCall;
  searchItems(argument: _sluice_v1_SearchItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SearchItemsResponse__Output>): grpc.ClientUnaryCall;
  searchItems(argument: _sluice_v1_SearchItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SearchItemsResponse__Output>): grpc.ClientUnaryCall;
  searchItems(argument: _sluice_v1_SearchItemsRequest, callback: grpc.requestCallback<_sluice_v1_SearchItemsResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Reads, source state and errors; writes arrive on the PipelineStage stream.
 */
export interface PersistenceHandlers extends grpc.UntypedServiceImplementation {
  CountItems: grpc.handleUnaryCall<_sluice_v1_CountItemsRequest__Output, _sluice_v1_CountItemsResponse>;
  
  GetItem: grpc.handleUnaryCall<_sluice_v1_GetItemRequest__Output, _sluice_v1_GetItemResponse>;
  
  GetSourceState: grpc.handleUnaryCall<_sluice_v1_GetSourceStateRequest__Output, _sluice_v1_GetSourceStateResponse>;
  
  LeaseSources: grpc.handleUnaryCall<_sluice_v1_LeaseSourcesRequest__Output, _sluice_v1_LeaseSourcesResponse>;
  
  ListItems: grpc.handleUnaryCall<_sluice_v1_ListItemsRequest__Output, _sluice_v1_ListItemsResponse>;
  
  ListSourceErrors: grpc.handleUnaryCall<_sluice_v1_ListSourceErrorsRequest__Output, _sluice_v1_ListSourceErrorsResponse>;
  
  RecordSourceError: grpc.handleUnaryCall<_sluice_v1_RecordSourceErrorRequest__Output, _sluice_v1_RecordSourceErrorResponse>;
  
  ReleaseSources: grpc.handleUnaryCall<_sluice_v1_ReleaseSourcesRequest__Output, _sluice_v1_ReleaseSourcesResponse>;
  
  SaveSourceState: grpc.handleUnaryCall<_sluice_v1_SaveSourceStateRequest__Output, _sluice_v1_SaveSourceStateResponse>;
  
  SearchItems: grpc.handleUnaryCall<_sluice_v1_SearchItemsRequest__Output, _sluice_v1_SearchItemsResponse>;
  
}

export interface PersistenceDefinition extends grpc.ServiceDefinition {
  CountItems: MethodDefinition<_sluice_v1_CountItemsRequest, _sluice_v1_CountItemsResponse, _sluice_v1_CountItemsRequest__Output, _sluice_v1_CountItemsResponse__Output>
  GetItem: MethodDefinition<_sluice_v1_GetItemRequest, _sluice_v1_GetItemResponse, _sluice_v1_GetItemRequest__Output, _sluice_v1_GetItemResponse__Output>
  GetSourceState: MethodDefinition<_sluice_v1_GetSourceStateRequest, _sluice_v1_GetSourceStateResponse, _sluice_v1_GetSourceStateRequest__Output, _sluice_v1_GetSourceStateResponse__Output>
  LeaseSources: MethodDefinition<_sluice_v1_LeaseSourcesRequest, _sluice_v1_LeaseSourcesResponse, _sluice_v1_LeaseSourcesRequest__Output, _sluice_v1_LeaseSourcesResponse__Output>
  ListItems: MethodDefinition<_sluice_v1_ListItemsRequest, _sluice_v1_ListItemsResponse, _sluice_v1_ListItemsRequest__Output, _sluice_v1_ListItemsResponse__Output>
  ListSourceErrors: MethodDefinition<_sluice_v1_ListSourceErrorsRequest, _sluice_v1_ListSourceErrorsResponse, _sluice_v1_ListSourceErrorsRequest__Output, _sluice_v1_ListSourceErrorsResponse__Output>
  RecordSourceError: MethodDefinition<_sluice_v1_RecordSourceErrorRequest, _sluice_v1_RecordSourceErrorResponse, _sluice_v1_RecordSourceErrorRequest__Output, _sluice_v1_RecordSourceErrorResponse__Output>
  ReleaseSources: MethodDefinition<_sluice_v1_ReleaseSourcesRequest, _sluice_v1_ReleaseSourcesResponse, _sluice_v1_ReleaseSourcesRequest__Output, _sluice_v1_ReleaseSourcesResponse__Output>
  SaveSourceState: MethodDefinition<_sluice_v1_SaveSourceStateRequest, _sluice_v1_SaveSourceStateResponse, _sluice_v1_SaveSourceStateRequest__Output, _sluice_v1_SaveSourceStateResponse__Output>
  SearchItems: MethodDefinition<_sluice_v1_SearchItemsRequest, _sluice_v1_SearchItemsResponse, _sluice_v1_SearchItemsRequest__Output, _sluice_v1_SearchItemsResponse__Output>
}
