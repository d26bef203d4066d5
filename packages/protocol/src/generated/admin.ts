import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApiKey as _sluice_v1_ApiKey, ApiKey__Output as _sluice_v1_ApiKey__Output } from './sluice/v1/ApiKey.js';
import type { BeginDeadLetterReplayRequest as _sluice_v1_BeginDeadLetterReplayRequest, BeginDeadLetterReplayRequest__Output as _sluice_v1_BeginDeadLetterReplayRequest__Output } from './sluice/v1/BeginDeadLetterReplayRequest.js';
import type { BeginDeadLetterReplayResponse as _sluice_v1_BeginDeadLetterReplayResponse, BeginDeadLetterReplayResponse__Output as _sluice_v1_BeginDeadLetterReplayResponse__Output } from './sluice/v1/BeginDeadLetterReplayResponse.js';
import type { CancelJobRequest as _sluice_v1_CancelJobRequest, CancelJobRequest__Output as _sluice_v1_CancelJobRequest__Output } from './sluice/v1/CancelJobRequest.js';
import type { CancelJobResponse as _sluice_v1_CancelJobResponse, CancelJobResponse__Output as _sluice_v1_CancelJobResponse__Output } from './sluice/v1/CancelJobResponse.js';
import type { CreateApiKeyRequest as _sluice_v1_CreateApiKeyRequest, CreateApiKeyRequest__Output as _sluice_v1_CreateApiKeyRequest__Output } from './sluice/v1/CreateApiKeyRequest.js';
import type { CreateApiKeyResponse as _sluice_v1_CreateApiKeyResponse, CreateApiKeyResponse__Output as _sluice_v1_CreateApiKeyResponse__Output } from './sluice/v1/CreateApiKeyResponse.js';
import type { CreateJobRequest as _sluice_v1_CreateJobRequest, CreateJobRequest__Output as _sluice_v1_CreateJobRequest__Output } from './sluice/v1/CreateJobRequest.js';
import type { CreateJobResponse as _sluice_v1_CreateJobResponse, CreateJobResponse__Output as _sluice_v1_CreateJobResponse__Output } from './sluice/v1/CreateJobResponse.js';
import type { DeadLetterFilter as _sluice_v1_DeadLetterFilter, DeadLetterFilter__Output as _sluice_v1_DeadLetterFilter__Output } from './sluice/v1/DeadLetterFilter.js';
import type { DeadLetterReplayOutcome as _sluice_v1_DeadLetterReplayOutcome, DeadLetterReplayOutcome__Output as _sluice_v1_DeadLetterReplayOutcome__Output } from './sluice/v1/DeadLetterReplayOutcome.js';
import type { DeleteSourceDefinitionRequest as _sluice_v1_DeleteSourceDefinitionRequest, DeleteSourceDefinitionRequest__Output as _sluice_v1_DeleteSourceDefinitionRequest__Output } from './sluice/v1/DeleteSourceDefinitionRequest.js';
import type { DeleteSourceDefinitionResponse as _sluice_v1_DeleteSourceDefinitionResponse, DeleteSourceDefinitionResponse__Output as _sluice_v1_DeleteSourceDefinitionResponse__Output } from './sluice/v1/DeleteSourceDefinitionResponse.js';
import type { DiscardDeadLettersRequest as _sluice_v1_DiscardDeadLettersRequest, DiscardDeadLettersRequest__Output as _sluice_v1_DiscardDeadLettersRequest__Output } from './sluice/v1/DiscardDeadLettersRequest.js';
import type { DiscardDeadLettersResponse as _sluice_v1_DiscardDeadLettersResponse, DiscardDeadLettersResponse__Output as _sluice_v1_DiscardDeadLettersResponse__Output } from './sluice/v1/DiscardDeadLettersResponse.js';
import type { EndStaleJobsRequest as _sluice_v1_EndStaleJobsRequest, EndStaleJobsRequest__Output as _sluice_v1_EndStaleJobsRequest__Output } from './sluice/v1/EndStaleJobsRequest.js';
import type { EndStaleJobsResponse as _sluice_v1_EndStaleJobsResponse, EndStaleJobsResponse__Output as _sluice_v1_EndStaleJobsResponse__Output } from './sluice/v1/EndStaleJobsResponse.js';
import type { FinishDeadLetterReplayRequest as _sluice_v1_FinishDeadLetterReplayRequest, FinishDeadLetterReplayRequest__Output as _sluice_v1_FinishDeadLetterReplayRequest__Output } from './sluice/v1/FinishDeadLetterReplayRequest.js';
import type { FinishDeadLetterReplayResponse as _sluice_v1_FinishDeadLetterReplayResponse, FinishDeadLetterReplayResponse__Output as _sluice_v1_FinishDeadLetterReplayResponse__Output } from './sluice/v1/FinishDeadLetterReplayResponse.js';
import type { GetDeadLetterRequest as _sluice_v1_GetDeadLetterRequest, GetDeadLetterRequest__Output as _sluice_v1_GetDeadLetterRequest__Output } from './sluice/v1/GetDeadLetterRequest.js';
import type { GetDeadLetterResponse as _sluice_v1_GetDeadLetterResponse, GetDeadLetterResponse__Output as _sluice_v1_GetDeadLetterResponse__Output } from './sluice/v1/GetDeadLetterResponse.js';
import type { GetJobRequest as _sluice_v1_GetJobRequest, GetJobRequest__Output as _sluice_v1_GetJobRequest__Output } from './sluice/v1/GetJobRequest.js';
import type { GetJobResponse as _sluice_v1_GetJobResponse, GetJobResponse__Output as _sluice_v1_GetJobResponse__Output } from './sluice/v1/GetJobResponse.js';
import type { Job as _sluice_v1_Job, Job__Output as _sluice_v1_Job__Output } from './sluice/v1/Job.js';
import type { JobError as _sluice_v1_JobError, JobError__Output as _sluice_v1_JobError__Output } from './sluice/v1/JobError.js';
import type { ListApiKeysRequest as _sluice_v1_ListApiKeysRequest, ListApiKeysRequest__Output as _sluice_v1_ListApiKeysRequest__Output } from './sluice/v1/ListApiKeysRequest.js';
import type { ListApiKeysResponse as _sluice_v1_ListApiKeysResponse, ListApiKeysResponse__Output as _sluice_v1_ListApiKeysResponse__Output } from './sluice/v1/ListApiKeysResponse.js';
import type { ListDeadLettersRequest as _sluice_v1_ListDeadLettersRequest, ListDeadLettersRequest__Output as _sluice_v1_ListDeadLettersRequest__Output } from './sluice/v1/ListDeadLettersRequest.js';
import type { ListDeadLettersResponse as _sluice_v1_ListDeadLettersResponse, ListDeadLettersResponse__Output as _sluice_v1_ListDeadLettersResponse__Output } from './sluice/v1/ListDeadLettersResponse.js';
import type { ListJobsRequest as _sluice_v1_ListJobsRequest, ListJobsRequest__Output as _sluice_v1_ListJobsRequest__Output } from './sluice/v1/ListJobsRequest.js';
import type { ListJobsResponse as _sluice_v1_ListJobsResponse, ListJobsResponse__Output as _sluice_v1_ListJobsResponse__Output } from './sluice/v1/ListJobsResponse.js';
import type { ListSourceDefinitionsRequest as _sluice_v1_ListSourceDefinitionsRequest, ListSourceDefinitionsRequest__Output as _sluice_v1_ListSourceDefinitionsRequest__Output } from './sluice/v1/ListSourceDefinitionsRequest.js';
import type { ListSourceDefinitionsResponse as _sluice_v1_ListSourceDefinitionsResponse, ListSourceDefinitionsResponse__Output as _sluice_v1_ListSourceDefinitionsResponse__Output } from './sluice/v1/ListSourceDefinitionsResponse.js';
import type { PersistenceAdminClient as _sluice_v1_PersistenceAdminClient, PersistenceAdminDefinition as _sluice_v1_PersistenceAdminDefinition } from './sluice/v1/PersistenceAdmin.js';
import type { RevokeApiKeyRequest as _sluice_v1_RevokeApiKeyRequest, RevokeApiKeyRequest__Output as _sluice_v1_RevokeApiKeyRequest__Output } from './sluice/v1/RevokeApiKeyRequest.js';
import type { RevokeApiKeyResponse as _sluice_v1_RevokeApiKeyResponse, RevokeApiKeyResponse__Output as _sluice_v1_RevokeApiKeyResponse__Output } from './sluice/v1/RevokeApiKeyResponse.js';
import type { SourceDefinition as _sluice_v1_SourceDefinition, SourceDefinition__Output as _sluice_v1_SourceDefinition__Output } from './sluice/v1/SourceDefinition.js';
import type { StoredDeadLetter as _sluice_v1_StoredDeadLetter, StoredDeadLetter__Output as _sluice_v1_StoredDeadLetter__Output } from './sluice/v1/StoredDeadLetter.js';
import type { UpdateJobProgressRequest as _sluice_v1_UpdateJobProgressRequest, UpdateJobProgressRequest__Output as _sluice_v1_UpdateJobProgressRequest__Output } from './sluice/v1/UpdateJobProgressRequest.js';
import type { UpdateJobProgressResponse as _sluice_v1_UpdateJobProgressResponse, UpdateJobProgressResponse__Output as _sluice_v1_UpdateJobProgressResponse__Output } from './sluice/v1/UpdateJobProgressResponse.js';
import type { UpsertSourceDefinitionRequest as _sluice_v1_UpsertSourceDefinitionRequest, UpsertSourceDefinitionRequest__Output as _sluice_v1_UpsertSourceDefinitionRequest__Output } from './sluice/v1/UpsertSourceDefinitionRequest.js';
import type { UpsertSourceDefinitionResponse as _sluice_v1_UpsertSourceDefinitionResponse, UpsertSourceDefinitionResponse__Output as _sluice_v1_UpsertSourceDefinitionResponse__Output } from './sluice/v1/UpsertSourceDefinitionResponse.js';
import type { VerifyApiKeyRequest as _sluice_v1_VerifyApiKeyRequest, VerifyApiKeyRequest__Output as _sluice_v1_VerifyApiKeyRequest__Output } from './sluice/v1/VerifyApiKeyRequest.js';
import type { VerifyApiKeyResponse as _sluice_v1_VerifyApiKeyResponse, VerifyApiKeyResponse__Output as _sluice_v1_VerifyApiKeyResponse__Output } from './sluice/v1/VerifyApiKeyResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      ApiKey: MessageTypeDefinition<_sluice_v1_ApiKey, _sluice_v1_ApiKey__Output>
      BeginDeadLetterReplayRequest: MessageTypeDefinition<_sluice_v1_BeginDeadLetterReplayRequest, _sluice_v1_BeginDeadLetterReplayRequest__Output>
      BeginDeadLetterReplayResponse: MessageTypeDefinition<_sluice_v1_BeginDeadLetterReplayResponse, _sluice_v1_BeginDeadLetterReplayResponse__Output>
      CancelJobRequest: MessageTypeDefinition<_sluice_v1_CancelJobRequest, _sluice_v1_CancelJobRequest__Output>
      CancelJobResponse: MessageTypeDefinition<_sluice_v1_CancelJobResponse, _sluice_v1_CancelJobResponse__Output>
      CreateApiKeyRequest: MessageTypeDefinition<_sluice_v1_CreateApiKeyRequest, _sluice_v1_CreateApiKeyRequest__Output>
      CreateApiKeyResponse: MessageTypeDefinition<_sluice_v1_CreateApiKeyResponse, _sluice_v1_CreateApiKeyResponse__Output>
      CreateJobRequest: MessageTypeDefinition<_sluice_v1_CreateJobRequest, _sluice_v1_CreateJobRequest__Output>
      CreateJobResponse: MessageTypeDefinition<_sluice_v1_CreateJobResponse, _sluice_v1_CreateJobResponse__Output>
      DeadLetterFilter: MessageTypeDefinition<_sluice_v1_DeadLetterFilter, _sluice_v1_DeadLetterFilter__Output>
      DeadLetterReplayOutcome: MessageTypeDefinition<_sluice_v1_DeadLetterReplayOutcome, _sluice_v1_DeadLetterReplayOutcome__Output>
      DeleteSourceDefinitionRequest: MessageTypeDefinition<_sluice_v1_DeleteSourceDefinitionRequest, _sluice_v1_DeleteSourceDefinitionRequest__Output>
      DeleteSourceDefinitionResponse: MessageTypeDefinition<_sluice_v1_DeleteSourceDefinitionResponse, _sluice_v1_DeleteSourceDefinitionResponse__Output>
      DiscardDeadLettersRequest: MessageTypeDefinition<_sluice_v1_DiscardDeadLettersRequest, _sluice_v1_DiscardDeadLettersRequest__Output>
      DiscardDeadLettersResponse: MessageTypeDefinition<_sluice_v1_DiscardDeadLettersResponse, _sluice_v1_DiscardDeadLettersResponse__Output>
      EndStaleJobsRequest: MessageTypeDefinition<_sluice_v1_EndStaleJobsRequest, _sluice_v1_EndStaleJobsRequest__Output>
      EndStaleJobsResponse: MessageTypeDefinition<_sluice_v1_EndStaleJobsResponse, _sluice_v1_EndStaleJobsResponse__Output>
      FinishDeadLetterReplayRequest: MessageTypeDefinition<_sluice_v1_FinishDeadLetterReplayRequest, _sluice_v1_FinishDeadLetterReplayRequest__Output>
      FinishDeadLetterReplayResponse: MessageTypeDefinition<_sluice_v1_FinishDeadLetterReplayResponse, _sluice_v1_FinishDeadLetterReplayResponse__Output>
      GetDeadLetterRequest: MessageTypeDefinition<_sluice_v1_GetDeadLetterRequest, _sluice_v1_GetDeadLetterRequest__Output>
      GetDeadLetterResponse: MessageTypeDefinition<_sluice_v1_GetDeadLetterResponse, _sluice_v1_GetDeadLetterResponse__Output>
      GetJobRequest: MessageTypeDefinition<_sluice_v1_GetJobRequest, _sluice_v1_GetJobRequest__Output>
      GetJobResponse: MessageTypeDefinition<_sluice_v1_GetJobResponse, _sluice_v1_GetJobResponse__Output>
      Job: MessageTypeDefinition<_sluice_v1_Job, _sluice_v1_Job__Output>
      JobError: MessageTypeDefinition<_sluice_v1_JobError, _sluice_v1_JobError__Output>
      ListApiKeysRequest: MessageTypeDefinition<_sluice_v1_ListApiKeysRequest, _sluice_v1_ListApiKeysRequest__Output>
      ListApiKeysResponse: MessageTypeDefinition<_sluice_v1_ListApiKeysResponse, _sluice_v1_ListApiKeysResponse__Output>
      ListDeadLettersRequest: MessageTypeDefinition<_sluice_v1_ListDeadLettersRequest, _sluice_v1_ListDeadLettersRequest__Output>
      ListDeadLettersResponse: MessageTypeDefinition<_sluice_v1_ListDeadLettersResponse, _sluice_v1_ListDeadLettersResponse__Output>
      ListJobsRequest: MessageTypeDefinition<_sluice_v1_ListJobsRequest, _sluice_v1_ListJobsRequest__Output>
      ListJobsResponse: MessageTypeDefinition<_sluice_v1_ListJobsResponse, _sluice_v1_ListJobsResponse__Output>
      ListSourceDefinitionsRequest: MessageTypeDefinition<_sluice_v1_ListSourceDefinitionsRequest, _sluice_v1_ListSourceDefinitionsRequest__Output>
      ListSourceDefinitionsResponse: MessageTypeDefinition<_sluice_v1_ListSourceDefinitionsResponse, _sluice_v1_ListSourceDefinitionsResponse__Output>
      PersistenceAdmin: SubtypeConstructor<typeof grpc.Client, _sluice_v1_PersistenceAdminClient> & { service: _sluice_v1_PersistenceAdminDefinition }
      RevokeApiKeyRequest: MessageTypeDefinition<_sluice_v1_RevokeApiKeyRequest, _sluice_v1_RevokeApiKeyRequest__Output>
      RevokeApiKeyResponse: MessageTypeDefinition<_sluice_v1_RevokeApiKeyResponse, _sluice_v1_RevokeApiKeyResponse__Output>
      SourceDefinition: MessageTypeDefinition<_sluice_v1_SourceDefinition, _sluice_v1_SourceDefinition__Output>
      StoredDeadLetter: MessageTypeDefinition<_sluice_v1_StoredDeadLetter, _sluice_v1_StoredDeadLetter__Output>
      UpdateJobProgressRequest: MessageTypeDefinition<_sluice_v1_UpdateJobProgressRequest, _sluice_v1_UpdateJobProgressRequest__Output>
      UpdateJobProgressResponse: MessageTypeDefinition<_sluice_v1_UpdateJobProgressResponse, _sluice_v1_UpdateJobProgressResponse__Output>
      UpsertSourceDefinitionRequest: MessageTypeDefinition<_sluice_v1_UpsertSourceDefinitionRequest, _sluice_v1_UpsertSourceDefinitionRequest__Output>
      UpsertSourceDefinitionResponse: MessageTypeDefinition<_sluice_v1_UpsertSourceDefinitionResponse, _sluice_v1_UpsertSourceDefinitionResponse__Output>
      VerifyApiKeyRequest: MessageTypeDefinition<_sluice_v1_VerifyApiKeyRequest, _sluice_v1_VerifyApiKeyRequest__Output>
      VerifyApiKeyResponse: MessageTypeDefinition<_sluice_v1_VerifyApiKeyResponse, _sluice_v1_VerifyApiKeyResponse__Output>
    }
  }
}

