// Original file: protos/sluice/v1/persistence.proto

import type { StoredItem as _sluice_v1_StoredItem, StoredItem__Output as _sluice_v1_StoredItem__Output } from '../../sluice/v1/StoredItem.js';
import type { Passage as _sluice_v1_Passage, Passage__Output as _sluice_v1_Passage__Output } from '../../sluice/v1/Passage.js';

export interface SearchHit {
  'item'?: (_sluice_v1_StoredItem | null);
  /**
   * The best of the item's own embedding and its passages' vectors.
   */
  'similarity'?: (number | string);
  /**
   * Absent for an item short enough to be one passage (its text).
   */
  'passage'?: (_sluice_v1_Passage | null);
}

export interface SearchHit__Output {
  'item': (_sluice_v1_StoredItem__Output | null);
  /**
   * The best of the item's own embedding and its passages' vectors.
   */
  'similarity': (number);
  /**
   * Absent for an item short enough to be one passage (its text).
   */
  'passage': (_sluice_v1_Passage__Output | null);
}
