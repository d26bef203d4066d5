// Original file: protos/sluice/v1/inference.proto


export interface SimilarityResponse {
  /**
   * Row-major queries × profiles (top_k = 0).
   */
  'scores'?: (number | string)[];
  'rows'?: (number);
  'columns'?: (number);
  /**
   * Row-major queries × k, best first (top_k > 0): the scores and the profile indices.
   */
  'top_scores'?: (number | string)[];
  'top_indices'?: (number)[];
  'k'?: (number);
  /**
   * The ONNX Runtime execution provider that ran the graph (cpu, cuda, dml, webgpu).
   */
  'execution_provider'?: (string);
}

export interface SimilarityResponse__Output {
  /**
   * Row-major queries × profiles (top_k = 0).
   */
  'scores': (number)[];
  'rows': (number);
  'columns': (number);
  /**
   * Row-major queries × k, best first (top_k > 0): the scores and the profile indices.
   */
  'top_scores': (number)[];
  'top_indices': (number)[];
  'k': (number);
  /**
   * The ONNX Runtime execution provider that ran the graph (cpu, cuda, dml, webgpu).
   */
  'execution_provider': (string);
}
