import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ChunkEmbedding as _sluice_v1_ChunkEmbedding, ChunkEmbedding__Output as _sluice_v1_ChunkEmbedding__Output } from './sluice/v1/ChunkEmbedding.js';
import type { Classification as _sluice_v1_Classification, Classification__Output as _sluice_v1_Classification__Output } from './sluice/v1/Classification.js';
import type { Embedding as _sluice_v1_Embedding, Embedding__Output as _sluice_v1_Embedding__Output } from './sluice/v1/Embedding.js';
import type { Engagement as _sluice_v1_Engagement, Engagement__Output as _sluice_v1_Engagement__Output } from './sluice/v1/Engagement.js';
import type { InferenceTiming as _sluice_v1_InferenceTiming, InferenceTiming__Output as _sluice_v1_InferenceTiming__Output } from './sluice/v1/InferenceTiming.js';
import type { Label as _sluice_v1_Label, Label__Output as _sluice_v1_Label__Output } from './sluice/v1/Label.js';
import type { NormalizedItem as _sluice_v1_NormalizedItem, NormalizedItem__Output as _sluice_v1_NormalizedItem__Output } from './sluice/v1/NormalizedItem.js';
import type { PipelineItem as _sluice_v1_PipelineItem, PipelineItem__Output as _sluice_v1_PipelineItem__Output } from './sluice/v1/PipelineItem.js';
import type { RawItem as _sluice_v1_RawItem, RawItem__Output as _sluice_v1_RawItem__Output } from './sluice/v1/RawItem.js';
import type { Score as _sluice_v1_Score, Score__Output as _sluice_v1_Score__Output } from './sluice/v1/Score.js';
import type { ScoreComponent as _sluice_v1_ScoreComponent, ScoreComponent__Output as _sluice_v1_ScoreComponent__Output } from './sluice/v1/ScoreComponent.js';
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
      Embedding: MessageTypeDefinition<_sluice_v1_Embedding, _sluice_v1_Embedding__Output>
      Engagement: MessageTypeDefinition<_sluice_v1_Engagement, _sluice_v1_Engagement__Output>
      InferenceTiming: MessageTypeDefinition<_sluice_v1_InferenceTiming, _sluice_v1_InferenceTiming__Output>
      Label: MessageTypeDefinition<_sluice_v1_Label, _sluice_v1_Label__Output>
      NormalizedItem: MessageTypeDefinition<_sluice_v1_NormalizedItem, _sluice_v1_NormalizedItem__Output>
      PipelineItem: MessageTypeDefinition<_sluice_v1_PipelineItem, _sluice_v1_PipelineItem__Output>
      RawItem: MessageTypeDefinition<_sluice_v1_RawItem, _sluice_v1_RawItem__Output>
      Score: MessageTypeDefinition<_sluice_v1_Score, _sluice_v1_Score__Output>
      ScoreComponent: MessageTypeDefinition<_sluice_v1_ScoreComponent, _sluice_v1_ScoreComponent__Output>
      StoredItem: MessageTypeDefinition<_sluice_v1_StoredItem, _sluice_v1_StoredItem__Output>
      TextChunk: MessageTypeDefinition<_sluice_v1_TextChunk, _sluice_v1_TextChunk__Output>
    }
  }
}

