// The `inference:` section of config/sluice.yaml. Every key has a default, so an absent section works.
import { downstreamSettings } from '@sluice/protocol';
import { z } from '@sluice/service-kit';
import { DEVICES } from './device.js';
import { PRECISIONS } from './model-variant.js';

export const inferenceSettingsSchema = z.strictObject({
  /** Folder of built-in (and pulled) model folders, relative to the repository root. */
  models_dir: z.string().default('.models'),
  /** Extra model folders (absolute or relative to the repository root), e.g. an exported pretrained model. */
  extra_models: z.array(z.string()).default([]),
  /** The embedding model for pipeline items and for Embed calls that name none. */
  embedding_model: z.string().default('sluice-embed-glove-100d'),
  /** More embedding models, loaded for Embed calls that name them (the pipeline embeds with embedding_model). */
  extra_embedding_models: z.array(z.string()).default([]),
  /** Classification models run on every pipeline item and by Classify calls that name none. */
  classifier_models: z.array(z.string()).default(['sluice-sentiment-afinn', 'sluice-topics', 'sluice-spam']),
  device: z.enum(DEVICES).default('auto'),
  /** Which graph of a model folder runs: auto = fp32 (model.onnx) on the CPU, model_fp16.onnx on GPU providers (model-variant.ts). */
  precision: z.enum(PRECISIONS).default('auto'),
  /** ONNX Runtime intra-op threads on the CPU (0: ONNX Runtime decides). */
  intra_op_threads: z.number().int().min(0).default(0),
  /**
   * ONNX Runtime's own profiler: when set, every session writes its operator timings (Chrome trace JSON,
   * onnxruntime_profile_<model>_<time>.json) into this folder (relative to the repository root) when it is
   * released: at shutdown or on a model reload. Empty: off (profiling costs time on every run).
   */
  onnx_profile_dir: z.string().default(''),
  /** Tokenizer threads: "auto" = one per core, at most 4. Default 1: several threads are experimental (see bench/RESULTS.md). */
  tokenizer_threads: z.union([z.literal('auto'), z.number().int().min(1).max(32)]).default(1),
  max_batch_size: z.number().int().min(1).default(64),
  /** Padded tokens per batch (longest input × batch size); also capped by the memory budget. */
  max_batch_tokens: z.number().int().min(1).default(16384),
  /** How long the oldest input may wait for a fuller batch once the device is free (an idle device that would finish the queued inputs within it takes them at once). */
  max_queue_delay_milliseconds: z.number().min(0).default(5),
  /** false: an idle device too waits max_queue_delay_milliseconds for a fuller batch. */
  dispatch_partial_when_idle: z.boolean().default(true),
  /** length_aware: batches of similar lengths (less padding); fifo: arrival order within a priority. */
  batch_ordering: z.enum(['length_aware', 'fifo']).default('length_aware'),
  /** Length-aware packing looks at this many batches' worth of queued inputs. */
  length_window_batches: z.number().int().min(1).default(16),
  /** Waiting this long raises an input's priority by one lane (starvation protection). */
  aging_milliseconds: z.number().positive().default(250),
  /** Inputs admitted and not yet answered, over all models; beyond it callers get RESOURCE_EXHAUSTED. */
  max_in_flight_inputs: z.number().int().min(1).default(20000),
  /** Device memory the batches may use; with the activation bytes per token measured at warm-up it caps max_batch_tokens. */
  max_device_memory_gigabytes: z.number().positive().default(28),
  /** Result cache by (model, content hash), bounded by its entries' real cost in RSS (~0.7–1.5 KB each); 0 disables it. */
  cache_max_megabytes: z.number().min(0).default(32),
  /** Deadline of unary calls that come without one. */
  default_deadline_seconds: z.number().positive().default(30),
  /** Towards the scorer (packages/protocol downstream-settings.ts). */
  ...downstreamSettings({ maxInFlightItems: 2000 }),
  /** Waiting this long raises a pipeline batch's priority by one level in this stage's window (aging_milliseconds is the lanes'). */
  priority_aging_milliseconds: z.number().int().min(1).default(5000),
});

export type InferenceSettings = z.infer<typeof inferenceSettingsSchema>;
