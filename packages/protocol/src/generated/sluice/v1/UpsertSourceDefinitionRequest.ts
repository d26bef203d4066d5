// Original file: protos/sluice/v1/admin.proto

import type { SourceDefinition as _sluice_v1_SourceDefinition, SourceDefinition__Output as _sluice_v1_SourceDefinition__Output } from '../../sluice/v1/SourceDefinition.js';

export interface UpsertSourceDefinitionRequest {
  'definition'?: (_sluice_v1_SourceDefinition | null);
}

export interface UpsertSourceDefinitionRequest__Output {
  'definition': (_sluice_v1_SourceDefinition__Output | null);
}
