// Original file: protos/sluice/v1/persistence.proto

import type { SearchHit as _sluice_v1_SearchHit, SearchHit__Output as _sluice_v1_SearchHit__Output } from '../../sluice/v1/SearchHit.js';

export interface SearchItemsResponse {
  'hits'?: (_sluice_v1_SearchHit)[];
  /**
   * "pgvector" or "exact-scan".
   */
  'method'?: (string);
}

export interface SearchItemsResponse__Output {
  'hits': (_sluice_v1_SearchHit__Output)[];
  /**
   * "pgvector" or "exact-scan".
   */
  'method': (string);
}
