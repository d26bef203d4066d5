// Original file: protos/sluice/v1/content.proto

import type { ChunkEmbedding as _sluice_v1_ChunkEmbedding, ChunkEmbedding__Output as _sluice_v1_ChunkEmbedding__Output } from '../../sluice/v1/ChunkEmbedding.js';

export interface Embedding {
  'model'?: (string);
  /**
   * A long item's embedding pools its chunks' vectors (docs/models.md); a short item's embeds title + text.
   */
  'values'?: (number | string)[];
  /**
   * One vector per chunk, same model (empty for an item short enough to be read whole).
   */
  'chunks'?: (_sluice_v1_ChunkEmbedding)[];
}

export interface Embedding__Output {
  'model': (string);
  /**
   * A long item's embedding pools its chunks' vectors (docs/models.md); a short item's embeds title + text.
   */
  'values': (number)[];
  /**
   * One vector per chunk, same model (empty for an item short enough to be read whole).
   */
  'chunks': (_sluice_v1_ChunkEmbedding__Output)[];
}
