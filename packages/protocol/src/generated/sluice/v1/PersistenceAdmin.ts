// Original file: protos/sluice/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BeginDeadLetterReplayRequest as _sluice_v1_BeginDeadLetterReplayRequest, BeginDeadLetterReplayRequest__Output as _sluice_v1_BeginDeadLetterReplayRequest__Output } from '../../sluice/v1/BeginDeadLetterReplayRequest.js';
import type { BeginDeadLetterReplayResponse as _sluice_v1_BeginDeadLetterReplayResponse, BeginDeadLetterReplayResponse__Output as _sluice_v1_BeginDeadLetterReplayResponse__Output } from '../../sluice/v1/BeginDeadLetterReplayResponse.js';
import type { CancelJobRequest as _sluice_v1_CancelJobRequest, CancelJobRequest__Output as _sluice_v1_CancelJobRequest__Output } from '../../sluice/v1/CancelJobRequest.js';
import type { CancelJobResponse as _sluice_v1_CancelJobResponse, CancelJobResponse__Output as _sluice_v1_CancelJobResponse__Output } from '../../sluice/v1/CancelJobResponse.js';
import type { CreateApiKeyRequest as _sluice_v1_CreateApiKeyRequest, CreateApiKeyRequest__Output as _sluice_v1_CreateApiKeyRequest__Output } from '../../sluice/v1/CreateApiKeyRequest.js';
import type { CreateApiKeyResponse as _sluice_v1_CreateApiKeyResponse, CreateApiKeyResponse__Output as _sluice_v1_CreateApiKeyResponse__Output } from '../../sluice/v1/CreateApiKeyResponse.js';
import type { CreateJobRequest as _sluice_v1_CreateJobRequest, CreateJobRequest__Output as _sluice_v1_CreateJobRequest__Output } from '../../sluice/v1/CreateJobRequest.js';
import type { CreateJobResponse as _sluice_v1_CreateJobResponse, CreateJobResponse__Output as _sluice_v1_CreateJobResponse__Output } from '../../sluice/v1/CreateJobResponse.js';
import type { DeleteSourceDefinitionRequest as _sluice_v1_DeleteSourceDefinitionRequest, DeleteSourceDefinitionRequest__Output as _sluice_v1_DeleteSourceDefinitionRequest__Output } from '../../sluice/v1/DeleteSourceDefinitionRequest.js';
import type { DeleteSourceDefinitionResponse as _sluice_v1_DeleteSourceDefinitionResponse, DeleteSourceDefinitionResponse__Output as _sluice_v1_DeleteSourceDefinitionResponse__Output } from '../../sluice/v1/DeleteSourceDefinitionResponse.js';
import type { DiscardDeadLettersRequest as _sluice_v1_DiscardDeadLettersRequest, DiscardDeadLettersRequest__Output as _sluice_v1_DiscardDeadLettersRequest__Output } from '../../sluice/v1/DiscardDeadLettersRequest.js';
import type { DiscardDeadLettersResponse as _sluice_v1_DiscardDeadLettersResponse, DiscardDeadLettersResponse__Output as _sluice_v1_DiscardDeadLettersResponse__Output } from '../../sluice/v1/DiscardDeadLettersResponse.js';
import type { EndStaleJobsRequest as _sluice_v1_EndStaleJobsRequest, EndStaleJobsRequest__Output as _sluice_v1_EndStaleJobsRequest__Output } from '../../sluice/v1/EndStaleJobsRequest.js';
import type { EndStaleJobsResponse as _sluice_v1_EndStaleJobsResponse, EndStaleJobsResponse__Output as _sluice_v1_EndStaleJobsResponse__Output } from '../../sluice/v1/EndStaleJobsResponse.js';
import type { FinishDeadLetterReplayRequest as _sluice_v1_FinishDeadLetterReplayRequest, FinishDeadLetterReplayRequest__Output as _sluice_v1_FinishDeadLetterReplayRequest__Output } from '../../sluice/v1/FinishDeadLetterReplayRequest.js';
import type { FinishDeadLetterReplayResponse as _sluice_v1_FinishDeadLetterReplayResponse, FinishDeadLetterReplayResponse__Output as _sluice_v1_FinishDeadLetterReplayResponse__Output } from '../../sluice/v1/FinishDeadLetterReplayResponse.js';
import type { GetDeadLetterRequest as _sluice_v1_GetDeadLetterRequest, GetDeadLetterRequest__Output as _sluice_v1_GetDeadLetterRequest__Output } from '../../sluice/v1/GetDeadLetterRequest.js';
import type { GetDeadLetterResponse as _sluice_v1_GetDeadLetterResponse, GetDeadLetterResponse__Output as _sluice_v1_GetDeadLetterResponse__Output } from '../../sluice/v1/GetDeadLetterResponse.js';
import type { GetJobRequest as _sluice_v1_GetJobRequest, GetJobRequest__Output as _sluice_v1_GetJobRequest__Output } from '../../sluice/v1/GetJobRequest.js';
import type { GetJobResponse as _sluice_v1_GetJobResponse, GetJobResponse__Output as _sluice_v1_GetJobResponse__Output } from '../../sluice/v1/GetJobResponse.js';
import type { ListApiKeysRequest as _sluice_v1_ListApiKeysRequest, ListApiKeysRequest__Output as _sluice_v1_ListApiKeysRequest__Output } from '../../sluice/v1/ListApiKeysRequest.js';
import type { ListApiKeysResponse as _sluice_v1_ListApiKeysResponse, ListApiKeysResponse__Output as _sluice_v1_ListApiKeysResponse__Output } from '../../sluice/v1/ListApiKeysResponse.js';
import type { ListDeadLettersRequest as _sluice_v1_ListDeadLettersRequest, ListDeadLettersRequest__Output as _sluice_v1_ListDeadLettersRequest__Output } from '../../sluice/v1/ListDeadLettersRequest.js';
import type { ListDeadLettersResponse as _sluice_v1_ListDeadLettersResponse, ListDeadLettersResponse__Output as _sluice_v1_ListDeadLettersResponse__Output } from '../../sluice/v1/ListDeadLettersResponse.js';
import type { ListJobsRequest as _sluice_v1_ListJobsRequest, ListJobsRequest__Output as _sluice_v1_ListJobsRequest__Output } from '../../sluice/v1/ListJobsRequest.js';
import type { ListJobsResponse as _sluice_v1_ListJobsResponse, ListJobsResponse__Output as _sluice_v1_ListJobsResponse__Output } from '../../sluice/v1/ListJobsResponse.js';
import type { ListSourceDefinitionsRequest as _sluice_v1_ListSourceDefinitionsRequest, ListSourceDefinitionsRequest__Output as _sluice_v1_ListSourceDefinitionsRequest__Output } from '../../sluice/v1/ListSourceDefinitionsRequest.js';
import type { ListSourceDefinitionsResponse as _sluice_v1_ListSourceDefinitionsResponse, ListSourceDefinitionsResponse__Output as _sluice_v1_ListSourceDefinitionsResponse__Output } from '../../sluice/v1/ListSourceDefinitionsResponse.js';
import type { RevokeApiKeyRequest as _sluice_v1_RevokeApiKeyRequest, RevokeApiKeyRequest__Output as _sluice_v1_RevokeApiKeyRequest__Output } from '../../sluice/v1/RevokeApiKeyRequest.js';
import type { RevokeApiKeyResponse as _sluice_v1_RevokeApiKeyResponse, RevokeApiKeyResponse__Output as _sluice_v1_RevokeApiKeyResponse__Output } from '../../sluice/v1/RevokeApiKeyResponse.js';
import type { UpdateJobProgressRequest as _sluice_v1_UpdateJobProgressRequest, UpdateJobProgressRequest__Output as _sluice_v1_UpdateJobProgressRequest__Output } from '../../sluice/v1/UpdateJobProgressRequest.js';
import type { UpdateJobProgressResponse as _sluice_v1_UpdateJobProgressResponse, UpdateJobProgressResponse__Output as _sluice_v1_UpdateJobProgressResponse__Output } from '../../sluice/v1/UpdateJobProgressResponse.js';
import type { UpsertSourceDefinitionRequest as _sluice_v1_UpsertSourceDefinitionRequest, UpsertSourceDefinitionRequest__Output as _sluice_v1_UpsertSourceDefinitionRequest__Output } from '../../sluice/v1/UpsertSourceDefinitionRequest.js';
import type { UpsertSourceDefinitionResponse as _sluice_v1_UpsertSourceDefinitionResponse, UpsertSourceDefinitionResponse__Output as _sluice_v1_UpsertSourceDefinitionResponse__Output } from '../../sluice/v1/UpsertSourceDefinitionResponse.js';
import type { VerifyApiKeyRequest as _sluice_v1_VerifyApiKeyRequest, VerifyApiKeyRequest__Output as _sluice_v1_VerifyApiKeyRequest__Output } from '../../sluice/v1/VerifyApiKeyRequest.js';
import type { VerifyApiKeyResponse as _sluice_v1_VerifyApiKeyResponse, VerifyApiKeyResponse__Output as _sluice_v1_VerifyApiKeyResponse__Output } from '../../sluice/v1/VerifyApiKeyResponse.js';

export interface PersistenceAdminClient extends grpc.Client {
  BeginDeadLetterReplay(argument: _sluice_v1_BeginDeadLetterReplayRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_BeginDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  BeginDeadLetterReplay(argument: _sluice_v1_BeginDeadLetterReplayRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_BeginDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  BeginDeadLetterReplay(argument: _sluice_v1_BeginDeadLetterReplayRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_BeginDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  BeginDeadLetterReplay(argument: _sluice_v1_BeginDeadLetterReplayRequest, callback: grpc.requestCallback<_sluice_v1_BeginDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  beginDeadLetterReplay(argument: _sluice_v1_BeginDeadLetterReplayRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_BeginDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  beginDeadLetterReplay(argument: _sluice_v1_BeginDeadLetterReplayRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_BeginDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  beginDeadLetterReplay(argument: _sluice_v1_BeginDeadLetterReplayRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_BeginDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  beginDeadLetterReplay(argument: _sluice_v1_BeginDeadLetterReplayRequest, callback: grpc.requestCallback<_sluice_v1_BeginDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  
  CancelJob(argument: _sluice_v1_CancelJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _sluice_v1_CancelJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _sluice_v1_CancelJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _sluice_v1_CancelJobRequest, callback: grpc.requestCallback<_sluice_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _sluice_v1_CancelJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _sluice_v1_CancelJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _sluice_v1_CancelJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _sluice_v1_CancelJobRequest, callback: grpc.requestCallback<_sluice_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  
  CreateApiKey(argument: _sluice_v1_CreateApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateApiKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateApiKey(argument: _sluice_v1_CreateApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CreateApiKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateApiKey(argument: _sluice_v1_CreateApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateApiKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateApiKey(argument: _sluice_v1_CreateApiKeyRequest, callback: grpc.requestCallback<_sluice_v1_CreateApiKeyResponse__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _sluice_v1_CreateApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateApiKeyResponse__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _sluice_v1_CreateApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CreateApiKeyResponse__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _sluice_v1_CreateApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateApiKeyResponse__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _sluice_v1_CreateApiKeyRequest, callback: grpc.requestCallback<_sluice_v1_CreateApiKeyResponse__Output>): grpc.ClientUnaryCall;
  
  CreateJob(argument: _sluice_v1_CreateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _sluice_v1_CreateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _sluice_v1_CreateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _sluice_v1_CreateJobRequest, callback: grpc.requestCallback<_sluice_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  createJob(argument: _sluice_v1_CreateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  createJob(argument: _sluice_v1_CreateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  createJob(argument: _sluice_v1_CreateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  createJob(argument: _sluice_v1_CreateJobRequest, callback: grpc.requestCallback<_sluice_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteSourceDefinition(argument: _sluice_v1_DeleteSourceDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DeleteSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSourceDefinition(argument: _sluice_v1_DeleteSourceDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_DeleteSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSourceDefinition(argument: _sluice_v1_DeleteSourceDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DeleteSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSourceDefinition(argument: _sluice_v1_DeleteSourceDefinitionRequest, callback: grpc.requestCallback<_sluice_v1_DeleteSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deleteSourceDefinition(argument: _sluice_v1_DeleteSourceDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DeleteSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deleteSourceDefinition(argument: _sluice_v1_DeleteSourceDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_DeleteSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deleteSourceDefinition(argument: _sluice_v1_DeleteSourceDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DeleteSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deleteSourceDefinition(argument: _sluice_v1_DeleteSourceDefinitionRequest, callback: grpc.requestCallback<_sluice_v1_DeleteSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  
  DiscardDeadLetters(argument: _sluice_v1_DiscardDeadLettersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DiscardDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  DiscardDeadLetters(argument: _sluice_v1_DiscardDeadLettersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_DiscardDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  DiscardDeadLetters(argument: _sluice_v1_DiscardDeadLettersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DiscardDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  DiscardDeadLetters(argument: _sluice_v1_DiscardDeadLettersRequest, callback: grpc.requestCallback<_sluice_v1_DiscardDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  discardDeadLetters(argument: _sluice_v1_DiscardDeadLettersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DiscardDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  discardDeadLetters(argument: _sluice_v1_DiscardDeadLettersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_DiscardDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  discardDeadLetters(argument: _sluice_v1_DiscardDeadLettersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DiscardDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  discardDeadLetters(argument: _sluice_v1_DiscardDeadLettersRequest, callback: grpc.requestCallback<_sluice_v1_DiscardDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  
  EndStaleJobs(argument: _sluice_v1_EndStaleJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_EndStaleJobsResponse__Output>): grpc.ClientUnaryCall;
  EndStaleJobs(argument: _sluice_v1_EndStaleJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_EndStaleJobsResponse__Output>): grpc.ClientUnaryCall;
  EndStaleJobs(argument: _sluice_v1_EndStaleJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_EndStaleJobsResponse__Output>): grpc.ClientUnaryCall;
  EndStaleJobs(argument: _sluice_v1_EndStaleJobsRequest, callback: grpc.requestCallback<_sluice_v1_EndStaleJobsResponse__Output>): grpc.ClientUnaryCall;
  endStaleJobs(argument: _sluice_v1_EndStaleJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_EndStaleJobsResponse__Output>): grpc.ClientUnaryCall;
  endStaleJobs(argument: _sluice_v1_EndStaleJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_EndStaleJobsResponse__Output>): grpc.ClientUnaryCall;
  endStaleJobs(argument: _sluice_v1_EndStaleJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_EndStaleJobsResponse__Output>): grpc.ClientUnaryCall;
  endStaleJobs(argument: _sluice_v1_EndStaleJobsRequest, callback: grpc.requestCallback<_sluice_v1_EndStaleJobsResponse__Output>): grpc.ClientUnaryCall;
  
  FinishDeadLetterReplay(argument: _sluice_v1_FinishDeadLetterReplayRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_FinishDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  FinishDeadLetterReplay(argument: _sluice_v1_FinishDeadLetterReplayRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_FinishDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  FinishDeadLetterReplay(argument: _sluice_v1_FinishDeadLetterReplayRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_FinishDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  FinishDeadLetterReplay(argument: _sluice_v1_FinishDeadLetterReplayRequest, callback: grpc.requestCallback<_sluice_v1_FinishDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  finishDeadLetterReplay(argument: _sluice_v1_FinishDeadLetterReplayRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_FinishDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  finishDeadLetterReplay(argument: _sluice_v1_FinishDeadLetterReplayRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_FinishDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  finishDeadLetterReplay(argument: _sluice_v1_FinishDeadLetterReplayRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_FinishDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  finishDeadLetterReplay(argument: _sluice_v1_FinishDeadLetterReplayRequest, callback: grpc.requestCallback<_sluice_v1_FinishDeadLetterReplayResponse__Output>): grpc.ClientUnaryCall;
  
  GetDeadLetter(argument: _sluice_v1_GetDeadLetterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetDeadLetterResponse__Output>): grpc.ClientUnaryCall;
  GetDeadLetter(argument: _sluice_v1_GetDeadLetterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_GetDeadLetterResponse__Output>): grpc.ClientUnaryCall;
  GetDeadLetter(argument: _sluice_v1_GetDeadLetterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetDeadLetterResponse__Output>): grpc.ClientUnaryCall;
  GetDeadLetter(argument: _sluice_v1_GetDeadLetterRequest, callback: grpc.requestCallback<_sluice_v1_GetDeadLetterResponse__Output>): grpc.ClientUnaryCall;
  getDeadLetter(argument: _sluice_v1_GetDeadLetterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetDeadLetterResponse__Output>): grpc.ClientUnaryCall;
  getDeadLetter(argument: _sluice_v1_GetDeadLetterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_GetDeadLetterResponse__Output>): grpc.ClientUnaryCall;
  getDeadLetter(argument: _sluice_v1_GetDeadLetterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetDeadLetterResponse__Output>): grpc.ClientUnaryCall;
  getDeadLetter(argument: _sluice_v1_GetDeadLetterRequest, callback: grpc.requestCallback<_sluice_v1_GetDeadLetterResponse__Output>): grpc.ClientUnaryCall;
  
  GetJob(argument: _sluice_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _sluice_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _sluice_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _sluice_v1_GetJobRequest, callback: grpc.requestCallback<_sluice_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _sluice_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _sluice_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _sluice_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _sluice_v1_GetJobRequest, callback: grpc.requestCallback<_sluice_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  
  ListApiKeys(argument: _sluice_v1_ListApiKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  ListApiKeys(argument: _sluice_v1_ListApiKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  ListApiKeys(argument: _sluice_v1_ListApiKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  ListApiKeys(argument: _sluice_v1_ListApiKeysRequest, callback: grpc.requestCallback<_sluice_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _sluice_v1_ListApiKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _sluice_v1_ListApiKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _sluice_v1_ListApiKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _sluice_v1_ListApiKeysRequest, callback: grpc.requestCallback<_sluice_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  
  ListDeadLetters(argument: _sluice_v1_ListDeadLettersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  ListDeadLetters(argument: _sluice_v1_ListDeadLettersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  ListDeadLetters(argument: _sluice_v1_ListDeadLettersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  ListDeadLetters(argument: _sluice_v1_ListDeadLettersRequest, callback: grpc.requestCallback<_sluice_v1_ListDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  listDeadLetters(argument: _sluice_v1_ListDeadLettersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  listDeadLetters(argument: _sluice_v1_ListDeadLettersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  listDeadLetters(argument: _sluice_v1_ListDeadLettersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  listDeadLetters(argument: _sluice_v1_ListDeadLettersRequest, callback: grpc.requestCallback<_sluice_v1_ListDeadLettersResponse__Output>): grpc.ClientUnaryCall;
  
  ListJobs(argument: _sluice_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _sluice_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _sluice_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _sluice_v1_ListJobsRequest, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _sluice_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _sluice_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _sluice_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _sluice_v1_ListJobsRequest, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSourceDefinitions(argument: _sluice_v1_ListSourceDefinitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourceDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  ListSourceDefinitions(argument: _sluice_v1_ListSourceDefinitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListSourceDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  ListSourceDefinitions(argument: _sluice_v1_ListSourceDefinitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourceDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  ListSourceDefinitions(argument: _sluice_v1_ListSourceDefinitionsRequest, callback: grpc.requestCallback<_sluice_v1_ListSourceDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listSourceDefinitions(argument: _sluice_v1_ListSourceDefinitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourceDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listSourceDefinitions(argument: _sluice_v1_ListSourceDefinitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListSourceDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listSourceDefinitions(argument: _sluice_v1_ListSourceDefinitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSourceDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listSourceDefinitions(argument: _sluice_v1_ListSourceDefinitionsRequest, callback: grpc.requestCallback<_sluice_v1_ListSourceDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeApiKey(argument: _sluice_v1_RevokeApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  RevokeApiKey(argument: _sluice_v1_RevokeApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  RevokeApiKey(argument: _sluice_v1_RevokeApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  RevokeApiKey(argument: _sluice_v1_RevokeApiKeyRequest, callback: grpc.requestCallback<_sluice_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeApiKey(argument: _sluice_v1_RevokeApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeApiKey(argument: _sluice_v1_RevokeApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeApiKey(argument: _sluice_v1_RevokeApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeApiKey(argument: _sluice_v1_RevokeApiKeyRequest, callback: grpc.requestCallback<_sluice_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateJobProgress(argument: _sluice_v1_UpdateJobProgressRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_UpdateJobProgressResponse__Output>): grpc.ClientUnaryCall;
  UpdateJobProgress(argument: _sluice_v1_UpdateJobProgressRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_UpdateJobProgressResponse__Output>): grpc.ClientUnaryCall;
  UpdateJobProgress(argument: _sluice_v1_UpdateJobProgressRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_UpdateJobProgressResponse__Output>): grpc.ClientUnaryCall;
  UpdateJobProgress(argument: _sluice_v1_UpdateJobProgressRequest, callback: grpc.requestCallback<_sluice_v1_UpdateJobProgressResponse__Output>): grpc.ClientUnaryCall;
  updateJobProgress(argument: _sluice_v1_UpdateJobProgressRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_UpdateJobProgressResponse__Output>): grpc.ClientUnaryCall;
  updateJobProgress(argument: _sluice_v1_UpdateJobProgressRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_UpdateJobProgressResponse__Output>): grpc.ClientUnaryCall;
  updateJobProgress(argument: _sluice_v1_UpdateJobProgressRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_UpdateJobProgressResponse__Output>): grpc.ClientUnaryCall;
  updateJobProgress(argument: _sluice_v1_UpdateJobProgressRequest, callback: grpc.requestCallback<_sluice_v1_UpdateJobProgressResponse__Output>): grpc.ClientUnaryCall;
  
  UpsertSourceDefinition(argument: _sluice_v1_UpsertSourceDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_UpsertSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  UpsertSourceDefinition(argument: _sluice_v1_UpsertSourceDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_UpsertSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  UpsertSourceDefinition(argument: _sluice_v1_UpsertSourceDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_UpsertSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  UpsertSourceDefinition(argument: _sluice_v1_UpsertSourceDefinitionRequest, callback: grpc.requestCallback<_sluice_v1_UpsertSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  upsertSourceDefinition(argument: _sluice_v1_UpsertSourceDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_UpsertSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  upsertSourceDefinition(argument: _sluice_v1_UpsertSourceDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_UpsertSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  upsertSourceDefinition(argument: _sluice_v1_UpsertSourceDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_UpsertSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  upsertSourceDefinition(argument: _sluice_v1_UpsertSourceDefinitionRequest, callback: grpc.requestCallback<_sluice_v1_UpsertSourceDefinitionResponse__Output>): grpc.ClientUnaryCall;
  
  VerifyApiKey(argument: _sluice_v1_VerifyApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_VerifyApiKeyResponse__Output>): grpc.ClientUnaryCall;
  VerifyApiKey(argument: _sluice_v1_VerifyApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_VerifyApiKeyResponse__Output>): grpc.ClientUnaryCall;
  VerifyApiKey(argument: _sluice_v1_VerifyApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_VerifyApiKeyResponse__Output>): grpc.ClientUnaryCall;
  VerifyApiKey(argument: _sluice_v1_VerifyApiKeyRequest, callback: grpc.requestCallback<_sluice_v1_VerifyApiKeyResponse__Output>): grpc.ClientUnaryCall;
  verifyApiKey(argument: _sluice_v1_VerifyApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_VerifyApiKeyResponse__Output>): grpc.ClientUnaryCall;
  verifyApiKey(argument: _sluice_v1_VerifyApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_VerifyApiKeyResponse__Output>): grpc.ClientUnaryCall;
  verifyApiKey(argument: _sluice_v1_VerifyApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_VerifyApiKeyResponse__Output>): grpc.ClientUnaryCall;
  verifyApiKey(argument: _sluice_v1_VerifyApiKeyRequest, callback: grpc.requestCallback<_sluice_v1_VerifyApiKeyResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface PersistenceAdminHandlers extends grpc.UntypedServiceImplementation {
  BeginDeadLetterReplay: grpc.handleUnaryCall<_sluice_v1_BeginDeadLetterReplayRequest__Output, _sluice_v1_BeginDeadLetterReplayResponse>;
  
  CancelJob: grpc.handleUnaryCall<_sluice_v1_CancelJobRequest__Output, _sluice_v1_CancelJobResponse>;
  
  CreateApiKey: grpc.handleUnaryCall<_sluice_v1_CreateApiKeyRequest__Output, _sluice_v1_CreateApiKeyResponse>;
  
  CreateJob: grpc.handleUnaryCall<_sluice_v1_CreateJobRequest__Output, _sluice_v1_CreateJobResponse>;
  
  DeleteSourceDefinition: grpc.handleUnaryCall<_sluice_v1_DeleteSourceDefinitionRequest__Output, _sluice_v1_DeleteSourceDefinitionResponse>;
  
  DiscardDeadLetters: grpc.handleUnaryCall<_sluice_v1_DiscardDeadLettersRequest__Output, _sluice_v1_DiscardDeadLettersResponse>;
  
  EndStaleJobs: grpc.handleUnaryCall<_sluice_v1_EndStaleJobsRequest__Output, _sluice_v1_EndStaleJobsResponse>;
  
  FinishDeadLetterReplay: grpc.handleUnaryCall<_sluice_v1_FinishDeadLetterReplayRequest__Output, _sluice_v1_FinishDeadLetterReplayResponse>;
  
  GetDeadLetter: grpc.handleUnaryCall<_sluice_v1_GetDeadLetterRequest__Output, _sluice_v1_GetDeadLetterResponse>;
  
  GetJob: grpc.handleUnaryCall<_sluice_v1_GetJobRequest__Output, _sluice_v1_GetJobResponse>;
  
  ListApiKeys: grpc.handleUnaryCall<_sluice_v1_ListApiKeysRequest__Output, _sluice_v1_ListApiKeysResponse>;
  
  ListDeadLetters: grpc.handleUnaryCall<_sluice_v1_ListDeadLettersRequest__Output, _sluice_v1_ListDeadLettersResponse>;
  
  ListJobs: grpc.handleUnaryCall<_sluice_v1_ListJobsRequest__Output, _sluice_v1_ListJobsResponse>;
  
  ListSourceDefinitions: grpc.handleUnaryCall<_sluice_v1_ListSourceDefinitionsRequest__Output, _sluice_v1_ListSourceDefinitionsResponse>;
  
  RevokeApiKey: grpc.handleUnaryCall<_sluice_v1_RevokeApiKeyRequest__Output, _sluice_v1_RevokeApiKeyResponse>;
  
  UpdateJobProgress: grpc.handleUnaryCall<_sluice_v1_UpdateJobProgressRequest__Output, _sluice_v1_UpdateJobProgressResponse>;
  
  UpsertSourceDefinition: grpc.handleUnaryCall<_sluice_v1_UpsertSourceDefinitionRequest__Output, _sluice_v1_UpsertSourceDefinitionResponse>;
  
  VerifyApiKey: grpc.handleUnaryCall<_sluice_v1_VerifyApiKeyRequest__Output, _sluice_v1_VerifyApiKeyResponse>;
  
}

export interface PersistenceAdminDefinition extends grpc.ServiceDefinition {
  BeginDeadLetterReplay: MethodDefinition<_sluice_v1_BeginDeadLetterReplayRequest, _sluice_v1_BeginDeadLetterReplayResponse, _sluice_v1_BeginDeadLetterReplayRequest__Output, _sluice_v1_BeginDeadLetterReplayResponse__Output>
  CancelJob: MethodDefinition<_sluice_v1_CancelJobRequest, _sluice_v1_CancelJobResponse, _sluice_v1_CancelJobRequest__Output, _sluice_v1_CancelJobResponse__Output>
  CreateApiKey: MethodDefinition<_sluice_v1_CreateApiKeyRequest, _sluice_v1_CreateApiKeyResponse, _sluice_v1_CreateApiKeyRequest__Output, _sluice_v1_CreateApiKeyResponse__Output>
  CreateJob: MethodDefinition<_sluice_v1_CreateJobRequest, _sluice_v1_CreateJobResponse, _sluice_v1_CreateJobRequest__Output, _sluice_v1_CreateJobResponse__Output>
  DeleteSourceDefinition: MethodDefinition<_sluice_v1_DeleteSourceDefinitionRequest, _sluice_v1_DeleteSourceDefinitionResponse, _sluice_v1_DeleteSourceDefinitionRequest__Output, _sluice_v1_DeleteSourceDefinitionResponse__Output>
  DiscardDeadLetters: MethodDefinition<_sluice_v1_DiscardDeadLettersRequest, _sluice_v1_DiscardDeadLettersResponse, _sluice_v1_DiscardDeadLettersRequest__Output, _sluice_v1_DiscardDeadLettersResponse__Output>
  EndStaleJobs: MethodDefinition<_sluice_v1_EndStaleJobsRequest, _sluice_v1_EndStaleJobsResponse, _sluice_v1_EndStaleJobsRequest__Output, _sluice_v1_EndStaleJobsResponse__Output>
  FinishDeadLetterReplay: MethodDefinition<_sluice_v1_FinishDeadLetterReplayRequest, _sluice_v1_FinishDeadLetterReplayResponse, _sluice_v1_FinishDeadLetterReplayRequest__Output, _sluice_v1_FinishDeadLetterReplayResponse__Output>
  GetDeadLetter: MethodDefinition<_sluice_v1_GetDeadLetterRequest, _sluice_v1_GetDeadLetterResponse, _sluice_v1_GetDeadLetterRequest__Output, _sluice_v1_GetDeadLetterResponse__Output>
  GetJob: MethodDefinition<_sluice_v1_GetJobRequest, _sluice_v1_GetJobResponse, _sluice_v1_GetJobRequest__Output, _sluice_v1_GetJobResponse__Output>
  ListApiKeys: MethodDefinition<_sluice_v1_ListApiKeysRequest, _sluice_v1_ListApiKeysResponse, _sluice_v1_ListApiKeysRequest__Output, _sluice_v1_ListApiKeysResponse__Output>
  ListDeadLetters: MethodDefinition<_sluice_v1_ListDeadLettersRequest, _sluice_v1_ListDeadLettersResponse, _sluice_v1_ListDeadLettersRequest__Output, _sluice_v1_ListDeadLettersResponse__Output>
  ListJobs: MethodDefinition<_sluice_v1_ListJobsRequest, _sluice_v1_ListJobsResponse, _sluice_v1_ListJobsRequest__Output, _sluice_v1_ListJobsResponse__Output>
  ListSourceDefinitions: MethodDefinition<_sluice_v1_ListSourceDefinitionsRequest, _sluice_v1_ListSourceDefinitionsResponse, _sluice_v1_ListSourceDefinitionsRequest__Output, _sluice_v1_ListSourceDefinitionsResponse__Output>
  RevokeApiKey: MethodDefinition<_sluice_v1_RevokeApiKeyRequest, _sluice_v1_RevokeApiKeyResponse, _sluice_v1_RevokeApiKeyRequest__Output, _sluice_v1_RevokeApiKeyResponse__Output>
  UpdateJobProgress: MethodDefinition<_sluice_v1_UpdateJobProgressRequest, _sluice_v1_UpdateJobProgressResponse, _sluice_v1_UpdateJobProgressRequest__Output, _sluice_v1_UpdateJobProgressResponse__Output>
  UpsertSourceDefinition: MethodDefinition<_sluice_v1_UpsertSourceDefinitionRequest, _sluice_v1_UpsertSourceDefinitionResponse, _sluice_v1_UpsertSourceDefinitionRequest__Output, _sluice_v1_UpsertSourceDefinitionResponse__Output>
  VerifyApiKey: MethodDefinition<_sluice_v1_VerifyApiKeyRequest, _sluice_v1_VerifyApiKeyResponse, _sluice_v1_VerifyApiKeyRequest__Output, _sluice_v1_VerifyApiKeyResponse__Output>
}
