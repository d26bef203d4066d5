// Original file: protos/sluice/v1/admin.proto

import type { SourceDefinition as _sluice_v1_SourceDefinition, SourceDefinition__Output as _sluice_v1_SourceDefinition__Output } from '../../sluice/v1/SourceDefinition.js';

export interface UpsertSourceDefinitionResponse {
  'definition'?: (_sluice_v1_SourceDefinition | null);
  /**
   * True when the id was new.
   */
  'created'?: (boolean);
}

export interface UpsertSourceDefinitionResponse__Output {
  'definition': (_sluice_v1_SourceDefinition__Output | null);
  /**
   * True when the id was new.
   */
  'created': (boolean);
}
