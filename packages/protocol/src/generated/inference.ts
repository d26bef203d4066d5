import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ChunkEmbedding as _sluice_v1_ChunkEmbedding, ChunkEmbedding__Output as _sluice_v1_ChunkEmbedding__Output } from './sluice/v1/ChunkEmbedding.js';
import type { Classification as _sluice_v1_Classification, Classification__Output as _sluice_v1_Classification__Output } from './sluice/v1/Classification.js';
import type { ClassifyRequest as _sluice_v1_ClassifyRequest, ClassifyRequest__Output as _sluice_v1_ClassifyRequest__Output } from './sluice/v1/ClassifyRequest.js';
import type { ClassifyResponse as _sluice_v1_ClassifyResponse, ClassifyResponse__Output as _sluice_v1_ClassifyResponse__Output } from './sluice/v1/ClassifyResponse.js';
import type { ClassifyResult as _sluice_v1_ClassifyResult, ClassifyResult__Output as _sluice_v1_ClassifyResult__Output } from './sluice/v1/ClassifyResult.js';
import type { EmbedRequest as _sluice_v1_EmbedRequest, EmbedRequest__Output as _sluice_v1_EmbedRequest__Output } from './sluice/v1/EmbedRequest.js';
import type { EmbedResponse as _sluice_v1_EmbedResponse, EmbedResponse__Output as _sluice_v1_EmbedResponse__Output } from './sluice/v1/EmbedResponse.js';
import type { EmbedResult as _sluice_v1_EmbedResult, EmbedResult__Output as _sluice_v1_EmbedResult__Output } from './sluice/v1/EmbedResult.js';
import type { Embedding as _sluice_v1_Embedding, Embedding__Output as _sluice_v1_Embedding__Output } from './sluice/v1/Embedding.js';
import type { Engagement as _sluice_v1_Engagement, Engagement__Output as _sluice_v1_Engagement__Output } from './sluice/v1/Engagement.js';
import type { InferRequest as _sluice_v1_InferRequest, InferRequest__Output as _sluice_v1_InferRequest__Output } from './sluice/v1/InferRequest.js';
import type { InferResponse as _sluice_v1_InferResponse, InferResponse__Output as _sluice_v1_InferResponse__Output } from './sluice/v1/InferResponse.js';
import type { InferenceClient as _sluice_v1_InferenceClient, InferenceDefinition as _sluice_v1_InferenceDefinition } from './sluice/v1/Inference.js';
import type { InferenceTiming as _sluice_v1_InferenceTiming, InferenceTiming__Output as _sluice_v1_InferenceTiming__Output } from './sluice/v1/InferenceTiming.js';
import type { Label as _sluice_v1_Label, Label__Output as _sluice_v1_Label__Output } from './sluice/v1/Label.js';
import type { ListModelsRequest as _sluice_v1_ListModelsRequest, ListModelsRequest__Output as _sluice_v1_ListModelsRequest__Output } from './sluice/v1/ListModelsRequest.js';
import type { ListModelsResponse as _sluice_v1_ListModelsResponse, ListModelsResponse__Output as _sluice_v1_ListModelsResponse__Output } from './sluice/v1/ListModelsResponse.js';
import type { ModelInfo as _sluice_v1_ModelInfo, ModelInfo__Output as _sluice_v1_ModelInfo__Output } from './sluice/v1/ModelInfo.js';
import type { NormalizedItem as _sluice_v1_NormalizedItem, NormalizedItem__Output as _sluice_v1_NormalizedItem__Output } from './sluice/v1/NormalizedItem.js';
import type { PipelineItem as _sluice_v1_PipelineItem, PipelineItem__Output as _sluice_v1_PipelineItem__Output } from './sluice/v1/PipelineItem.js';
import type { RawItem as _sluice_v1_RawItem, RawItem__Output as _sluice_v1_RawItem__Output } from './sluice/v1/RawItem.js';
import type { ReloadModelsRequest as _sluice_v1_ReloadModelsRequest, ReloadModelsRequest__Output as _sluice_v1_ReloadModelsRequest__Output } from './sluice/v1/ReloadModelsRequest.js';
import type { Score as _sluice_v1_Score, Score__Output as _sluice_v1_Score__Output } from './sluice/v1/Score.js';
import type { ScoreComponent as _sluice_v1_ScoreComponent, ScoreComponent__Output as _sluice_v1_ScoreComponent__Output } from './sluice/v1/ScoreComponent.js';
import type { SimilarityRequest as _sluice_v1_SimilarityRequest, SimilarityRequest__Output as _sluice_v1_SimilarityRequest__Output } from './sluice/v1/SimilarityRequest.js';
import type { SimilarityResponse as _sluice_v1_SimilarityResponse, SimilarityResponse__Output as _sluice_v1_SimilarityResponse__Output } from './sluice/v1/SimilarityResponse.js';
import type { StoredItem as _sluice_v1_StoredItem, StoredItem__Output as _sluice_v1_StoredItem__Output } from './sluice/v1/StoredItem.js';
import type { TextChunk as _sluice_v1_TextChunk, TextChunk__Output as _sluice_v1_TextChunk__Output } from './sluice/v1/TextChunk.js';
import type { TextInput as _sluice_v1_TextInput, TextInput__Output as _sluice_v1_TextInput__Output } from './sluice/v1/TextInput.js';
import type { Vector as _sluice_v1_Vector, Vector__Output as _sluice_v1_Vector__Output } from './sluice/v1/Vector.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      ChunkEmbedding: MessageTypeDefinition<_sluice_v1_ChunkEmbedding, _sluice_v1_ChunkEmbedding__Output>
      Classification: MessageTypeDefinition<_sluice_v1_Classification, _sluice_v1_Classification__Output>
      ClassifyRequest: MessageTypeDefinition<_sluice_v1_ClassifyRequest, _sluice_v1_ClassifyRequest__Output>
      ClassifyResponse: MessageTypeDefinition<_sluice_v1_ClassifyResponse, _sluice_v1_ClassifyResponse__Output>
      ClassifyResult: MessageTypeDefinition<_sluice_v1_ClassifyResult, _sluice_v1_ClassifyResult__Output>
      EmbedRequest: MessageTypeDefinition<_sluice_v1_EmbedRequest, _sluice_v1_EmbedRequest__Output>
      EmbedResponse: MessageTypeDefinition<_sluice_v1_EmbedResponse, _sluice_v1_EmbedResponse__Output>
      EmbedResult: MessageTypeDefinition<_sluice_v1_EmbedResult, _sluice_v1_EmbedResult__Output>
      Embedding: MessageTypeDefinition<_sluice_v1_Embedding, _sluice_v1_Embedding__Output>
      Engagement: MessageTypeDefinition<_sluice_v1_Engagement, _sluice_v1_Engagement__Output>
      InferRequest: MessageTypeDefinition<_sluice_v1_InferRequest, _sluice_v1_InferRequest__Output>
      InferResponse: MessageTypeDefinition<_sluice_v1_InferResponse, _sluice_v1_InferResponse__Output>
      Inference: SubtypeConstructor<typeof grpc.Client, _sluice_v1_InferenceClient> & { service: _sluice_v1_InferenceDefinition }
      InferenceTiming: MessageTypeDefinition<_sluice_v1_InferenceTiming, _sluice_v1_InferenceTiming__Output>
      Label: MessageTypeDefinition<_sluice_v1_Label, _sluice_v1_Label__Output>
      ListModelsRequest: MessageTypeDefinition<_sluice_v1_ListModelsRequest, _sluice_v1_ListModelsRequest__Output>
      ListModelsResponse: MessageTypeDefinition<_sluice_v1_ListModelsResponse, _sluice_v1_ListModelsResponse__Output>
      ModelInfo: MessageTypeDefinition<_sluice_v1_ModelInfo, _sluice_v1_ModelInfo__Output>
      NormalizedItem: MessageTypeDefinition<_sluice_v1_NormalizedItem, _sluice_v1_NormalizedItem__Output>
      PipelineItem: MessageTypeDefinition<_sluice_v1_PipelineItem, _sluice_v1_PipelineItem__Output>
      RawItem: MessageTypeDefinition<_sluice_v1_RawItem, _sluice_v1_RawItem__Output>
      ReloadModelsRequest: MessageTypeDefinition<_sluice_v1_ReloadModelsRequest, _sluice_v1_ReloadModelsRequest__Output>
      Score: MessageTypeDefinition<_sluice_v1_Score, _sluice_v1_Score__Output>
      ScoreComponent: MessageTypeDefinition<_sluice_v1_ScoreComponent, _sluice_v1_ScoreComponent__Output>
      SimilarityRequest: MessageTypeDefinition<_sluice_v1_SimilarityRequest, _sluice_v1_SimilarityRequest__Output>
      SimilarityResponse: MessageTypeDefinition<_sluice_v1_SimilarityResponse, _sluice_v1_SimilarityResponse__Output>
      StoredItem: MessageTypeDefinition<_sluice_v1_StoredItem, _sluice_v1_StoredItem__Output>
      TextChunk: MessageTypeDefinition<_sluice_v1_TextChunk, _sluice_v1_TextChunk__Output>
      TextInput: MessageTypeDefinition<_sluice_v1_TextInput, _sluice_v1_TextInput__Output>
      Vector: MessageTypeDefinition<_sluice_v1_Vector, _sluice_v1_Vector__Output>
    }
  }
}

