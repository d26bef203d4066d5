export type { Ack, Ack__Output } from './generated/sluice/v1/Ack.js';
export type { Classification, Classification__Output } from './generated/sluice/v1/Classification.js';
export type { ClassifyRequest, ClassifyRequest__Output } from './generated/sluice/v1/ClassifyRequest.js';
export type { ClassifyResponse, ClassifyResponse__Output } from './generated/sluice/v1/ClassifyResponse.js';
export type { ClassifyResult, ClassifyResult__Output } from './generated/sluice/v1/ClassifyResult.js';
export type { CollectorClient, CollectorHandlers, CollectorDefinition } from './generated/sluice/v1/Collector.js';
export type { CountItemsRequest, CountItemsRequest__Output } from './generated/sluice/v1/CountItemsRequest.js';
export type { CountItemsResponse, CountItemsResponse__Output } from './generated/sluice/v1/CountItemsResponse.js';
export type { DeadLetter, DeadLetter__Output } from './generated/sluice/v1/DeadLetter.js';
export type { EmbedRequest, EmbedRequest__Output } from './generated/sluice/v1/EmbedRequest.js';
export type { EmbedResponse, EmbedResponse__Output } from './generated/sluice/v1/EmbedResponse.js';
export type { EmbedResult, EmbedResult__Output } from './generated/sluice/v1/EmbedResult.js';
export type { Embedding, Embedding__Output } from './generated/sluice/v1/Embedding.js';
export type { ChunkEmbedding, ChunkEmbedding__Output } from './generated/sluice/v1/ChunkEmbedding.js';
export type { Engagement, Engagement__Output } from './generated/sluice/v1/Engagement.js';
export type { GetItemRequest, GetItemRequest__Output } from './generated/sluice/v1/GetItemRequest.js';
export type { GetItemResponse, GetItemResponse__Output } from './generated/sluice/v1/GetItemResponse.js';
export type {
  GetSourceStateRequest,
  GetSourceStateRequest__Output,
} from './generated/sluice/v1/GetSourceStateRequest.js';
export type {
  GetSourceStateResponse,
  GetSourceStateResponse__Output,
} from './generated/sluice/v1/GetSourceStateResponse.js';
export type { InferRequest, InferRequest__Output } from './generated/sluice/v1/InferRequest.js';
export type { InferResponse, InferResponse__Output } from './generated/sluice/v1/InferResponse.js';
export type { InferenceClient, InferenceHandlers, InferenceDefinition } from './generated/sluice/v1/Inference.js';
export type { InferenceTiming, InferenceTiming__Output } from './generated/sluice/v1/InferenceTiming.js';
export type { ItemBatch, ItemBatch__Output } from './generated/sluice/v1/ItemBatch.js';
export type { Label, Label__Output } from './generated/sluice/v1/Label.js';
export type { LeaseSourcesRequest, LeaseSourcesRequest__Output } from './generated/sluice/v1/LeaseSourcesRequest.js';
export type { LeaseSourcesResponse, LeaseSourcesResponse__Output } from './generated/sluice/v1/LeaseSourcesResponse.js';
export type { ListItemsRequest, ListItemsRequest__Output } from './generated/sluice/v1/ListItemsRequest.js';
export type { ListItemsResponse, ListItemsResponse__Output } from './generated/sluice/v1/ListItemsResponse.js';
export type { ListModelsRequest, ListModelsRequest__Output } from './generated/sluice/v1/ListModelsRequest.js';
export type { ListModelsResponse, ListModelsResponse__Output } from './generated/sluice/v1/ListModelsResponse.js';
export type {
  ListSourceErrorsRequest,
  ListSourceErrorsRequest__Output,
} from './generated/sluice/v1/ListSourceErrorsRequest.js';
export type {
  ListSourceErrorsResponse,
  ListSourceErrorsResponse__Output,
} from './generated/sluice/v1/ListSourceErrorsResponse.js';
export type { ListSourcesRequest, ListSourcesRequest__Output } from './generated/sluice/v1/ListSourcesRequest.js';
export type { ListSourcesResponse, ListSourcesResponse__Output } from './generated/sluice/v1/ListSourcesResponse.js';
export type { ModelInfo, ModelInfo__Output } from './generated/sluice/v1/ModelInfo.js';
export type { NormalizedItem, NormalizedItem__Output } from './generated/sluice/v1/NormalizedItem.js';
export type {
  PersistenceClient,
  PersistenceHandlers,
  PersistenceDefinition,
} from './generated/sluice/v1/Persistence.js';
export type { PipelineItem, PipelineItem__Output } from './generated/sluice/v1/PipelineItem.js';
export type {
  PipelineStageClient,
  PipelineStageHandlers,
  PipelineStageDefinition,
} from './generated/sluice/v1/PipelineStage.js';
export type { RawItem, RawItem__Output } from './generated/sluice/v1/RawItem.js';
export type {
  RecordSourceErrorRequest,
  RecordSourceErrorRequest__Output,
} from './generated/sluice/v1/RecordSourceErrorRequest.js';
export type {
  RecordSourceErrorResponse,
  RecordSourceErrorResponse__Output,
} from './generated/sluice/v1/RecordSourceErrorResponse.js';
export type {
  ReleaseSourcesRequest,
  ReleaseSourcesRequest__Output,
} from './generated/sluice/v1/ReleaseSourcesRequest.js';
export type {
  ReleaseSourcesResponse,
  ReleaseSourcesResponse__Output,
} from './generated/sluice/v1/ReleaseSourcesResponse.js';
export type { ReloadModelsRequest, ReloadModelsRequest__Output } from './generated/sluice/v1/ReloadModelsRequest.js';
export type { RunProgress, RunProgress__Output } from './generated/sluice/v1/RunProgress.js';
export type { RunSourcesRequest, RunSourcesRequest__Output } from './generated/sluice/v1/RunSourcesRequest.js';
export type {
  SaveSourceStateRequest,
  SaveSourceStateRequest__Output,
} from './generated/sluice/v1/SaveSourceStateRequest.js';
export type {
  SaveSourceStateResponse,
  SaveSourceStateResponse__Output,
} from './generated/sluice/v1/SaveSourceStateResponse.js';
export type { Score, Score__Output } from './generated/sluice/v1/Score.js';
export type { ScoreComponent, ScoreComponent__Output } from './generated/sluice/v1/ScoreComponent.js';
export type { SearchHit, SearchHit__Output } from './generated/sluice/v1/SearchHit.js';
export type { Passage, Passage__Output } from './generated/sluice/v1/Passage.js';
export type { SearchItemsRequest, SearchItemsRequest__Output } from './generated/sluice/v1/SearchItemsRequest.js';
export type { SearchItemsResponse, SearchItemsResponse__Output } from './generated/sluice/v1/SearchItemsResponse.js';
export type { SimilarityRequest, SimilarityRequest__Output } from './generated/sluice/v1/SimilarityRequest.js';
export type { SimilarityResponse, SimilarityResponse__Output } from './generated/sluice/v1/SimilarityResponse.js';
export type { SortField } from './generated/sluice/v1/SortField.js';
export type { SourceError, SourceError__Output } from './generated/sluice/v1/SourceError.js';
export type { SourceInfo, SourceInfo__Output } from './generated/sluice/v1/SourceInfo.js';
export type { SourceState, SourceState__Output } from './generated/sluice/v1/SourceState.js';
export type { StoredItem, StoredItem__Output } from './generated/sluice/v1/StoredItem.js';
export type { TextChunk, TextChunk__Output } from './generated/sluice/v1/TextChunk.js';
export type { TextInput, TextInput__Output } from './generated/sluice/v1/TextInput.js';
export type { Vector, Vector__Output } from './generated/sluice/v1/Vector.js';
// Admin contract (admin.proto): API keys, jobs, source definitions, dead letters.
export type { ApiKey, ApiKey__Output } from './generated/sluice/v1/ApiKey.js';
export type { CancelJobRequest, CancelJobRequest__Output } from './generated/sluice/v1/CancelJobRequest.js';
export type { CancelJobResponse, CancelJobResponse__Output } from './generated/sluice/v1/CancelJobResponse.js';
export type { CreateApiKeyRequest, CreateApiKeyRequest__Output } from './generated/sluice/v1/CreateApiKeyRequest.js';
export type { CreateApiKeyResponse, CreateApiKeyResponse__Output } from './generated/sluice/v1/CreateApiKeyResponse.js';
export type { CreateJobRequest, CreateJobRequest__Output } from './generated/sluice/v1/CreateJobRequest.js';
export type { CreateJobResponse, CreateJobResponse__Output } from './generated/sluice/v1/CreateJobResponse.js';
export type {
  DeleteSourceDefinitionRequest,
  DeleteSourceDefinitionRequest__Output,
} from './generated/sluice/v1/DeleteSourceDefinitionRequest.js';
export type {
  DeleteSourceDefinitionResponse,
  DeleteSourceDefinitionResponse__Output,
} from './generated/sluice/v1/DeleteSourceDefinitionResponse.js';
export type { EndStaleJobsRequest, EndStaleJobsRequest__Output } from './generated/sluice/v1/EndStaleJobsRequest.js';
export type { EndStaleJobsResponse, EndStaleJobsResponse__Output } from './generated/sluice/v1/EndStaleJobsResponse.js';
export type { GetJobRequest, GetJobRequest__Output } from './generated/sluice/v1/GetJobRequest.js';
export type { GetJobResponse, GetJobResponse__Output } from './generated/sluice/v1/GetJobResponse.js';
export type { Job, Job__Output } from './generated/sluice/v1/Job.js';
export type { JobError, JobError__Output } from './generated/sluice/v1/JobError.js';
export type { ListApiKeysRequest, ListApiKeysRequest__Output } from './generated/sluice/v1/ListApiKeysRequest.js';
export type { ListApiKeysResponse, ListApiKeysResponse__Output } from './generated/sluice/v1/ListApiKeysResponse.js';
export type { ListJobsRequest, ListJobsRequest__Output } from './generated/sluice/v1/ListJobsRequest.js';
export type { ListJobsResponse, ListJobsResponse__Output } from './generated/sluice/v1/ListJobsResponse.js';
export type {
  ListSourceDefinitionsRequest,
  ListSourceDefinitionsRequest__Output,
} from './generated/sluice/v1/ListSourceDefinitionsRequest.js';
export type {
  ListSourceDefinitionsResponse,
  ListSourceDefinitionsResponse__Output,
} from './generated/sluice/v1/ListSourceDefinitionsResponse.js';
export type {
  PersistenceAdminClient,
  PersistenceAdminHandlers,
  PersistenceAdminDefinition,
} from './generated/sluice/v1/PersistenceAdmin.js';
export type { RevokeApiKeyRequest, RevokeApiKeyRequest__Output } from './generated/sluice/v1/RevokeApiKeyRequest.js';
export type { RevokeApiKeyResponse, RevokeApiKeyResponse__Output } from './generated/sluice/v1/RevokeApiKeyResponse.js';
export type { SourceDefinition, SourceDefinition__Output } from './generated/sluice/v1/SourceDefinition.js';
export type {
  UpdateJobProgressRequest,
  UpdateJobProgressRequest__Output,
} from './generated/sluice/v1/UpdateJobProgressRequest.js';
export type {
  UpdateJobProgressResponse,
  UpdateJobProgressResponse__Output,
} from './generated/sluice/v1/UpdateJobProgressResponse.js';
export type {
  UpsertSourceDefinitionRequest,
  UpsertSourceDefinitionRequest__Output,
} from './generated/sluice/v1/UpsertSourceDefinitionRequest.js';
export type {
  UpsertSourceDefinitionResponse,
  UpsertSourceDefinitionResponse__Output,
} from './generated/sluice/v1/UpsertSourceDefinitionResponse.js';
export type { VerifyApiKeyRequest, VerifyApiKeyRequest__Output } from './generated/sluice/v1/VerifyApiKeyRequest.js';
export type { VerifyApiKeyResponse, VerifyApiKeyResponse__Output } from './generated/sluice/v1/VerifyApiKeyResponse.js';
// Dead letters (admin.proto).
export type {
  BeginDeadLetterReplayRequest,
  BeginDeadLetterReplayRequest__Output,
} from './generated/sluice/v1/BeginDeadLetterReplayRequest.js';
export type {
  BeginDeadLetterReplayResponse,
  BeginDeadLetterReplayResponse__Output,
} from './generated/sluice/v1/BeginDeadLetterReplayResponse.js';
export type { DeadLetterFilter, DeadLetterFilter__Output } from './generated/sluice/v1/DeadLetterFilter.js';
export type {
  DeadLetterReplayOutcome,
  DeadLetterReplayOutcome__Output,
} from './generated/sluice/v1/DeadLetterReplayOutcome.js';
export type {
  DiscardDeadLettersRequest,
  DiscardDeadLettersRequest__Output,
} from './generated/sluice/v1/DiscardDeadLettersRequest.js';
export type {
  DiscardDeadLettersResponse,
  DiscardDeadLettersResponse__Output,
} from './generated/sluice/v1/DiscardDeadLettersResponse.js';
export type {
  FinishDeadLetterReplayRequest,
  FinishDeadLetterReplayRequest__Output,
} from './generated/sluice/v1/FinishDeadLetterReplayRequest.js';
export type {
  FinishDeadLetterReplayResponse,
  FinishDeadLetterReplayResponse__Output,
} from './generated/sluice/v1/FinishDeadLetterReplayResponse.js';
export type { GetDeadLetterRequest, GetDeadLetterRequest__Output } from './generated/sluice/v1/GetDeadLetterRequest.js';
export type {
  GetDeadLetterResponse,
  GetDeadLetterResponse__Output,
} from './generated/sluice/v1/GetDeadLetterResponse.js';
export type {
  ListDeadLettersRequest,
  ListDeadLettersRequest__Output,
} from './generated/sluice/v1/ListDeadLettersRequest.js';
export type {
  ListDeadLettersResponse,
  ListDeadLettersResponse__Output,
} from './generated/sluice/v1/ListDeadLettersResponse.js';
export type { StoredDeadLetter, StoredDeadLetter__Output } from './generated/sluice/v1/StoredDeadLetter.js';
// shared.proto: state several replicas agree on (shared logs, rate-limit buckets).
export type {
  SharedStateClient,
  SharedStateHandlers,
  SharedStateDefinition,
} from './generated/sluice/v1/SharedState.js';
export type { SharedLogEntry, SharedLogEntry__Output } from './generated/sluice/v1/SharedLogEntry.js';
export type {
  AppendSharedLogRequest,
  AppendSharedLogRequest__Output,
} from './generated/sluice/v1/AppendSharedLogRequest.js';
export type {
  AppendSharedLogResponse,
  AppendSharedLogResponse__Output,
} from './generated/sluice/v1/AppendSharedLogResponse.js';
export type { ReadSharedLogRequest, ReadSharedLogRequest__Output } from './generated/sluice/v1/ReadSharedLogRequest.js';
export type {
  ReadSharedLogResponse,
  ReadSharedLogResponse__Output,
} from './generated/sluice/v1/ReadSharedLogResponse.js';
export type {
  TakeRateTokensRequest,
  TakeRateTokensRequest__Output,
} from './generated/sluice/v1/TakeRateTokensRequest.js';
export type {
  TakeRateTokensResponse,
  TakeRateTokensResponse__Output,
} from './generated/sluice/v1/TakeRateTokensResponse.js';
