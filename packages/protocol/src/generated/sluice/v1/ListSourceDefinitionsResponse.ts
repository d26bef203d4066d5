// Original file: protos/sluice/v1/admin.proto

import type { SourceDefinition as _sluice_v1_SourceDefinition, SourceDefinition__Output as _sluice_v1_SourceDefinition__Output } from '../../sluice/v1/SourceDefinition.js';

export interface ListSourceDefinitionsResponse {
  'definitions'?: (_sluice_v1_SourceDefinition)[];
}

export interface ListSourceDefinitionsResponse__Output {
  'definitions': (_sluice_v1_SourceDefinition__Output)[];
}
