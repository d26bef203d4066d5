/** One side of the peer comparison: whole batches (or concurrent calls) for `ms`, one embedding for the same-output check. */
export interface PeerRunner {
  /** e.g. "transformers.js 4.3.2". */
  version: string;
  measure(ms: number): Promise<{ items: number; seconds: number }>;
  embed(text: string): Promise<Float32Array>;
  close(): Promise<void>;
}
