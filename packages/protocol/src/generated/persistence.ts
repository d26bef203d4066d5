import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ChunkEmbedding as _sluice_v1_ChunkEmbedding, ChunkEmbedding__Output as _sluice_v1_ChunkEmbedding__Output } from './sluice/v1/ChunkEmbedding.js';
import type { Classification as _sluice_v1_Classification, Classification__Output as _sluice_v1_Classification__Output } from './sluice/v1/Classification.js';
import type { CountItemsRequest as _sluice_v1_CountItemsRequest, CountItemsRequest__Output as _sluice_v1_CountItemsRequest__Output } from './sluice/v1/CountItemsRequest.js';
import type { CountItemsResponse as _sluice_v1_CountItemsResponse, CountItemsResponse__Output as _sluice_v1_CountItemsResponse__Output } from './sluice/v1/CountItemsResponse.js';
import type { Embedding as _sluice_v1_Embedding, Embedding__Output as _sluice_v1_Embedding__Output } from './sluice/v1/Embedding.js';
import type { Engagement as _sluice_v1_Engagement, Engagement__Output as _sluice_v1_Engagement__Output } from './sluice/v1/Engagement.js';
import type { GetItemRequest as _sluice_v1_GetItemRequest, GetItemRequest__Output as _sluice_v1_GetItemRequest__Output } from './sluice/v1/GetItemRequest.js';
import type { GetItemResponse as _sluice_v1_GetItemResponse, GetItemResponse__Output as _sluice_v1_GetItemResponse__Output } from './sluice/v1/GetItemResponse.js';
import type { GetSourceStateRequest as _sluice_v1_GetSourceStateRequest, GetSourceStateRequest__Output as _sluice_v1_GetSourceStateRequest__Output } from './sluice/v1/GetSourceStateRequest.js';
import type { GetSourceStateResponse as _sluice_v1_GetSourceStateResponse, GetSourceStateResponse__Output as _sluice_v1_GetSourceStateResponse__Output } from './sluice/v1/GetSourceStateResponse.js';
import type { InferenceTiming as _sluice_v1_InferenceTiming, InferenceTiming__Output as _sluice_v1_InferenceTiming__Output } from './sluice/v1/InferenceTiming.js';
import type { Label as _sluice_v1_Label, Label__Output as _sluice_v1_Label__Output } from './sluice/v1/Label.js';
import type { LeaseSourcesRequest as _sluice_v1_LeaseSourcesRequest, LeaseSourcesRequest__Output as _sluice_v1_LeaseSourcesRequest__Output } from './sluice/v1/LeaseSourcesRequest.js';
import type { LeaseSourcesResponse as _sluice_v1_LeaseSourcesResponse, LeaseSourcesResponse__Output as _sluice_v1_LeaseSourcesResponse__Output } from './sluice/v1/LeaseSourcesResponse.js';
import type { ListItemsRequest as _sluice_v1_ListItemsRequest, ListItemsRequest__Output as _sluice_v1_ListItemsRequest__Output } from './sluice/v1/ListItemsRequest.js';
import type { ListItemsResponse as _sluice_v1_ListItemsResponse, ListItemsResponse__Output as _sluice_v1_ListItemsResponse__Output } from './sluice/v1/ListItemsResponse.js';
import type { ListSourceErrorsRequest as _sluice_v1_ListSourceErrorsRequest, ListSourceErrorsRequest__Output as _sluice_v1_ListSourceErrorsRequest__Output } from './sluice/v1/ListSourceErrorsRequest.js';
import type { ListSourceErrorsResponse as _sluice_v1_ListSourceErrorsResponse, ListSourceErrorsResponse__Output as _sluice_v1_ListSourceErrorsResponse__Output } from './sluice/v1/ListSourceErrorsResponse.js';
import type { NormalizedItem as _sluice_v1_NormalizedItem, NormalizedItem__Output as _sluice_v1_NormalizedItem__Output } from './sluice/v1/NormalizedItem.js';
import type { Passage as _sluice_v1_Passage, Passage__Output as _sluice_v1_Passage__Output } from './sluice/v1/Passage.js';
import type { PersistenceClient as _sluice_v1_PersistenceClient, PersistenceDefinition as _sluice_v1_PersistenceDefinition } from './sluice/v1/Persistence.js';
import type { PipelineItem as _sluice_v1_PipelineItem, PipelineItem__Output as _sluice_v1_PipelineItem__Output } from './sluice/v1/PipelineItem.js';
import type { RawItem as _sluice_v1_RawItem, RawItem__Output as _sluice_v1_RawItem__Output } from './sluice/v1/RawItem.js';
import type { RecordSourceErrorRequest as _sluice_v1_RecordSourceErrorRequest, RecordSourceErrorRequest__Output as _sluice_v1_RecordSourceErrorRequest__Output } from './sluice/v1/RecordSourceErrorRequest.js';
import type { RecordSourceErrorResponse as _sluice_v1_RecordSourceErrorResponse, RecordSourceErrorResponse__Output as _sluice_v1_RecordSourceErrorResponse__Output } from './sluice/v1/RecordSourceErrorResponse.js';
import type { ReleaseSourcesRequest as _sluice_v1_ReleaseSourcesRequest, ReleaseSourcesRequest__Output as _sluice_v1_ReleaseSourcesRequest__Output } from './sluice/v1/ReleaseSourcesRequest.js';
import type { ReleaseSourcesResponse as _sluice_v1_ReleaseSourcesResponse, ReleaseSourcesResponse__Output as _sluice_v1_ReleaseSourcesResponse__Output } from './sluice/v1/ReleaseSourcesResponse.js';
import type { SaveSourceStateRequest as _sluice_v1_SaveSourceStateRequest, SaveSourceStateRequest__Output as _sluice_v1_SaveSourceStateRequest__Output } from './sluice/v1/SaveSourceStateRequest.js';
import type { SaveSourceStateResponse as _sluice_v1_SaveSourceStateResponse, SaveSourceStateResponse__Output as _sluice_v1_SaveSourceStateResponse__Output } from './sluice/v1/SaveSourceStateResponse.js';
import type { Score as _sluice_v1_Score, Score__Output as _sluice_v1_Score__Output } from './sluice/v1/Score.js';
import type { ScoreComponent as _sluice_v1_ScoreComponent, ScoreComponent__Output as _sluice_v1_ScoreComponent__Output } from './sluice/v1/ScoreComponent.js';
import type { SearchHit as _sluice_v1_SearchHit, SearchHit__Output as _sluice_v1_SearchHit__Output } from './sluice/v1/SearchHit.js';
import type { SearchItemsRequest as _sluice_v1_SearchItemsRequest, SearchItemsRequest__Output as _sluice_v1_SearchItemsRequest__Output } from './sluice/v1/SearchItemsRequest.js';
import type { SearchItemsResponse as _sluice_v1_SearchItemsResponse, SearchItemsResponse__Output as _sluice_v1_SearchItemsResponse__Output } from './sluice/v1/SearchItemsResponse.js';
import type { SourceError as _sluice_v1_SourceError, SourceError__Output as _sluice_v1_SourceError__Output } from './sluice/v1/SourceError.js';
import type { SourceState as _sluice_v1_SourceState, SourceState__Output as _sluice_v1_SourceState__Output } from './sluice/v1/SourceState.js';
import type { StoredItem as _sluice_v1_StoredItem, StoredItem__Output as _sluice_v1_StoredItem__Output } from './sluice/v1/StoredItem.js';
import type { TextChunk as _sluice_v1_TextChunk, TextChunk__Output as _sluice_v1_TextChunk__Output } from './sluice/v1/TextChunk.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      ChunkEmbedding: MessageTypeDefinition<_sluice_v1_ChunkEmbedding, _sluice_v1_ChunkEmbedding__Output>
      Classification: MessageTypeDefinition<_sluice_v1_Classification, _sluice_v1_Classification__Output>
      CountItemsRequest: MessageTypeDefinition<_sluice_v1_CountItemsRequest, _sluice_v1_CountItemsRequest__Output>
      CountItemsResponse: MessageTypeDefinition<_sluice_v1_CountItemsResponse, _sluice_v1_CountItemsResponse__Output>
      Embedding: MessageTypeDefinition<_sluice_v1_Embedding, _sluice_v1_Embedding__Output>
      Engagement: MessageTypeDefinition<_sluice_v1_Engagement, _sluice_v1_Engagement__Output>
      GetItemRequest: MessageTypeDefinition<_sluice_v1_GetItemRequest, _sluice_v1_GetItemRequest__Output>
      GetItemResponse: MessageTypeDefinition<_sluice_v1_GetItemResponse, _sluice_v1_GetItemResponse__Output>
      GetSourceStateRequest: MessageTypeDefinition<_sluice_v1_GetSourceStateRequest, _sluice_v1_GetSourceStateRequest__Output>
      GetSourceStateResponse: MessageTypeDefinition<_sluice_v1_GetSourceStateResponse, _sluice_v1_GetSourceStateResponse__Output>
      InferenceTiming: MessageTypeDefinition<_sluice_v1_InferenceTiming, _sluice_v1_InferenceTiming__Output>
      Label: MessageTypeDefinition<_sluice_v1_Label, _sluice_v1_Label__Output>
      LeaseSourcesRequest: MessageTypeDefinition<_sluice_v1_LeaseSourcesRequest, _sluice_v1_LeaseSourcesRequest__Output>
      LeaseSourcesResponse: MessageTypeDefinition<_sluice_v1_LeaseSourcesResponse, _sluice_v1_LeaseSourcesResponse__Output>
      ListItemsRequest: MessageTypeDefinition<_sluice_v1_ListItemsRequest, _sluice_v1_ListItemsRequest__Output>
      ListItemsResponse: MessageTypeDefinition<_sluice_v1_ListItemsResponse, _sluice_v1_ListItemsResponse__Output>
      ListSourceErrorsRequest: MessageTypeDefinition<_sluice_v1_ListSourceErrorsRequest, _sluice_v1_ListSourceErrorsRequest__Output>
      ListSourceErrorsResponse: MessageTypeDefinition<_sluice_v1_ListSourceErrorsResponse, _sluice_v1_ListSourceErrorsResponse__Output>
      NormalizedItem: MessageTypeDefinition<_sluice_v1_NormalizedItem, _sluice_v1_NormalizedItem__Output>
      Passage: MessageTypeDefinition<_sluice_v1_Passage, _sluice_v1_Passage__Output>
      /**
       * Reads, source state and errors; writes arrive on the PipelineStage stream.
       */
      Persistence: SubtypeConstructor<typeof grpc.Client, _sluice_v1_PersistenceClient> & { service: _sluice_v1_PersistenceDefinition }
      PipelineItem: MessageTypeDefinition<_sluice_v1_PipelineItem, _sluice_v1_PipelineItem__Output>
      RawItem: MessageTypeDefinition<_sluice_v1_RawItem, _sluice_v1_RawItem__Output>
      RecordSourceErrorRequest: MessageTypeDefinition<_sluice_v1_RecordSourceErrorRequest, _sluice_v1_RecordSourceErrorRequest__Output>
      RecordSourceErrorResponse: MessageTypeDefinition<_sluice_v1_RecordSourceErrorResponse, _sluice_v1_RecordSourceErrorResponse__Output>
      ReleaseSourcesRequest: MessageTypeDefinition<_sluice_v1_ReleaseSourcesRequest, _sluice_v1_ReleaseSourcesRequest__Output>
      ReleaseSourcesResponse: MessageTypeDefinition<_sluice_v1_ReleaseSourcesResponse, _sluice_v1_ReleaseSourcesResponse__Output>
      SaveSourceStateRequest: MessageTypeDefinition<_sluice_v1_SaveSourceStateRequest, _sluice_v1_SaveSourceStateRequest__Output>
      SaveSourceStateResponse: MessageTypeDefinition<_sluice_v1_SaveSourceStateResponse, _sluice_v1_SaveSourceStateResponse__Output>
      Score: MessageTypeDefinition<_sluice_v1_Score, _sluice_v1_Score__Output>
      ScoreComponent: MessageTypeDefinition<_sluice_v1_ScoreComponent, _sluice_v1_ScoreComponent__Output>
      SearchHit: MessageTypeDefinition<_sluice_v1_SearchHit, _sluice_v1_SearchHit__Output>
      SearchItemsRequest: MessageTypeDefinition<_sluice_v1_SearchItemsRequest, _sluice_v1_SearchItemsRequest__Output>
      SearchItemsResponse: MessageTypeDefinition<_sluice_v1_SearchItemsResponse, _sluice_v1_SearchItemsResponse__Output>
      SortField: EnumTypeDefinition
      SourceError: MessageTypeDefinition<_sluice_v1_SourceError, _sluice_v1_SourceError__Output>
      SourceState: MessageTypeDefinition<_sluice_v1_SourceState, _sluice_v1_SourceState__Output>
      StoredItem: MessageTypeDefinition<_sluice_v1_StoredItem, _sluice_v1_StoredItem__Output>
      TextChunk: MessageTypeDefinition<_sluice_v1_TextChunk, _sluice_v1_TextChunk__Output>
    }
  }
}

