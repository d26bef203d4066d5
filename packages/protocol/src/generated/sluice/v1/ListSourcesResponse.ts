// Original file: protos/sluice/v1/collector.proto

import type { SourceInfo as _sluice_v1_SourceInfo, SourceInfo__Output as _sluice_v1_SourceInfo__Output } from '../../sluice/v1/SourceInfo.js';

export interface ListSourcesResponse {
  'sources'?: (_sluice_v1_SourceInfo)[];
}

export interface ListSourcesResponse__Output {
  'sources': (_sluice_v1_SourceInfo__Output)[];
}
