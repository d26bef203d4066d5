// Original file: protos/sluice/v1/inference.proto


export interface SimilarityResponse {
  /**
   * Row-major queries × profiles.
   */
  'scores'?: (number | string)[];
  'rows'?: (number);
  'columns'?: (number);
}

export interface SimilarityResponse__Output {
  /**
   * Row-major queries × profiles.
   */
  'scores': (number)[];
  'rows': (number);
  'columns': (number);
}
