// Original file: protos/sluice/v1/content.proto


/**
 * The vector of one chunk (NormalizedItem.chunks[index]) of a long item.
 */
export interface ChunkEmbedding {
  'index'?: (number);
  'values'?: (number | string)[];
}

/**
 * The vector of one chunk (NormalizedItem.chunks[index]) of a long item.
 */
export interface ChunkEmbedding__Output {
  'index': (number);
  'values': (number)[];
}
