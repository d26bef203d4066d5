// What callers of the inference core send and get back: texts in, vectors or label scores out, each with its
// own timings (queue, tokenization, inference) the way text-embeddings-inference reports them.
import type { InferenceError } from './errors.js';

export interface TextIn {
  id?: string;
  text: string;
  content_hash?: string;
  priority?: number;
}

export interface Timing {
  queue_ns: number;
  tokenization_ns: number;
  inference_ns: number;
}

export type VectorOutcome = { values: Float32Array; timing: Timing; cached: boolean } | { error: InferenceError };

export interface LabelScore {
  name: string;
  score: number;
}

export type ClassifyOutcome =
  { model: string; task: string; labels: LabelScore[]; timing: Timing } | { model: string; error: InferenceError };

export interface RequestOptions {
  /** performance.now() deadline (Infinity: none). */
  deadline?: number;
  signal?: AbortSignal;
  /** Wait for admission instead of failing with overloaded (the pipeline stage). */
  waitForAdmission?: boolean;
}
