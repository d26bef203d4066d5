// Original file: protos/sluice/v1/persistence.proto

import type { StoredItem as _sluice_v1_StoredItem, StoredItem__Output as _sluice_v1_StoredItem__Output } from '../../sluice/v1/StoredItem.js';

export interface SearchHit {
  'item'?: (_sluice_v1_StoredItem | null);
  'similarity'?: (number | string);
}

export interface SearchHit__Output {
  'item': (_sluice_v1_StoredItem__Output | null);
  'similarity': (number);
}
