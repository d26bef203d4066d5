// Original file: protos/sluice/v1/content.proto

import type { RawItem as _sluice_v1_RawItem, RawItem__Output as _sluice_v1_RawItem__Output } from '../../sluice/v1/RawItem.js';
import type { NormalizedItem as _sluice_v1_NormalizedItem, NormalizedItem__Output as _sluice_v1_NormalizedItem__Output } from '../../sluice/v1/NormalizedItem.js';
import type { Classification as _sluice_v1_Classification, Classification__Output as _sluice_v1_Classification__Output } from '../../sluice/v1/Classification.js';
import type { Embedding as _sluice_v1_Embedding, Embedding__Output as _sluice_v1_Embedding__Output } from '../../sluice/v1/Embedding.js';
import type { Score as _sluice_v1_Score, Score__Output as _sluice_v1_Score__Output } from '../../sluice/v1/Score.js';
import type { InferenceTiming as _sluice_v1_InferenceTiming, InferenceTiming__Output as _sluice_v1_InferenceTiming__Output } from '../../sluice/v1/InferenceTiming.js';

/**
 * The envelope that travels collector → transformer → inference → scorer → persistence.
 */
export interface PipelineItem {
  'raw'?: (_sluice_v1_RawItem | null);
  'normalized'?: (_sluice_v1_NormalizedItem | null);
  'classifications'?: (_sluice_v1_Classification)[];
  'embedding'?: (_sluice_v1_Embedding | null);
  'score'?: (_sluice_v1_Score | null);
  'inference_timing'?: (_sluice_v1_InferenceTiming | null);
}

/**
 * The envelope that travels collector → transformer → inference → scorer → persistence.
 */
export interface PipelineItem__Output {
  'raw': (_sluice_v1_RawItem__Output | null);
  'normalized': (_sluice_v1_NormalizedItem__Output | null);
  'classifications': (_sluice_v1_Classification__Output)[];
  'embedding': (_sluice_v1_Embedding__Output | null);
  'score': (_sluice_v1_Score__Output | null);
  'inference_timing': (_sluice_v1_InferenceTiming__Output | null);
}
