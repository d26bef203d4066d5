// Original file: protos/sluice/v1/persistence.proto

import type { StoredItem as _sluice_v1_StoredItem, StoredItem__Output as _sluice_v1_StoredItem__Output } from '../../sluice/v1/StoredItem.js';

export interface ListItemsResponse {
  'items'?: (_sluice_v1_StoredItem)[];
  /**
   * Empty when there are no more items.
   */
  'next_cursor'?: (string);
}

export interface ListItemsResponse__Output {
  'items': (_sluice_v1_StoredItem__Output)[];
  /**
   * Empty when there are no more items.
   */
  'next_cursor': (string);
}
