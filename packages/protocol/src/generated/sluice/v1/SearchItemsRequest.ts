// Original file: protos/sluice/v1/persistence.proto

import type { ListItemsRequest as _sluice_v1_ListItemsRequest, ListItemsRequest__Output as _sluice_v1_ListItemsRequest__Output } from '../../sluice/v1/ListItemsRequest.js';

export interface SearchItemsRequest {
  'query_embedding'?: (number | string)[];
  'embedding_model'?: (string);
  'limit'?: (number);
  'filters'?: (_sluice_v1_ListItemsRequest | null);
}

export interface SearchItemsRequest__Output {
  'query_embedding': (number)[];
  'embedding_model': (string);
  'limit': (number);
  'filters': (_sluice_v1_ListItemsRequest__Output | null);
}
