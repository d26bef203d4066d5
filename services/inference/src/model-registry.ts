// The models the service serves: finds their folders, loads each into the device thread (and its tokenizer into
// the tokenizer pool), warms it up, derives its batches' token budget from the device memory it measured, and
// gives each one a micro-batcher. Reloading swaps sessions without losing queued inputs.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_MODELS, ensureBuiltinModels } from '@sluice/models';
import type { Logger } from '@sluice/service-kit';
import { Batcher, type BatchOutput } from './batcher.js';
import { DeviceSlots } from './device-slots.js';
import { InferenceError } from './errors.js';
import { startSimilarityBatcher, type SimilarityBatcher } from './similarity-batcher.js';
import type { InferenceMetrics } from './metrics.js';
import { readModelSpec, type ModelSpec } from './model-spec.js';
import { findVariants } from './model-variant.js';
import type { InferenceSettings } from './settings.js';
import type { TokenizerPool } from './tokenizer-pool.js';
import { WorkerClient, startWorker, workerModule } from './worker/worker-rpc.js';

export interface LoadedModel {
  spec: ModelSpec;
  provider: string;
  precision: string;
  dimensions: number;
  batcher: Batcher;
  tokenizerKey: string;
  /** Activation bytes per padded token measured at warm-up. */
  bytesPerToken: number;
}

/** The settings that say which models are served; ReloadModels may change them without a restart. */
export type ModelSelection = Pick<
  InferenceSettings,
  'models_dir' | 'extra_models' | 'embedding_model' | 'extra_embedding_models' | 'classifier_models'
>;

export function modelSelection(settings: InferenceSettings): ModelSelection {
  const { models_dir, extra_models, embedding_model, extra_embedding_models, classifier_models } = settings;
  return { models_dir, extra_models, embedding_model, extra_embedding_models, classifier_models };
}

/** Every model a selection loads, each once: the embedding models, then the classifiers. */
function selectedModels(selection: ModelSelection): string[] {
  return [...new Set([selection.embedding_model, ...selection.extra_embedding_models, ...selection.classifier_models])];
}

export interface ModelRegistryOptions {
  settings: InferenceSettings;
  repoRoot: string;
  logger: Logger;
  tokenizers: TokenizerPool;
  metrics?: InferenceMetrics;
  /** Called after every batch (benchmarks, tests). */
  onBatch?: (model: string, info: { size: number; paddedTokens: number; realTokens: number }) => void;
}

export class ModelRegistry {
  readonly models = new Map<string, LoadedModel>();
  /** One executor shared by every model's batcher (device-slots.ts). */
  readonly #slots = new DeviceSlots(2);
  #device: WorkerClient | undefined;
  #selection: ModelSelection;
  /** The similarity graph's batcher (similarity-batcher.ts), on the models' device. */
  similarity: SimilarityBatcher | undefined;

  constructor(private readonly options: ModelRegistryOptions) {
    this.#selection = modelSelection(options.settings);
  }

  get selection(): ModelSelection {
    return this.#selection;
  }

  /** A loaded model, or not_found naming the loaded ones. */
  get(name: string): LoadedModel {
    const model = this.models.get(name);
    if (!model)
      throw new InferenceError(
        'not_found',
        `model ${name} is not loaded (loaded: ${[...this.models.keys()].join(', ')})`,
      );
    return model;
  }

  /** Builds the selected built-in models if missing and starts the device thread (then: load()). */
  async start(): Promise<void> {
    const { repoRoot, logger, settings } = this.options;
    const selection = this.#selection;
    const builtin = new Set(BUILTIN_MODELS.map((m) => m.name));
    const toBuild = selectedModels(selection).filter((m) => builtin.has(m));
    if (toBuild.length > 0) {
      const result = await ensureBuiltinModels({
        dir: path.resolve(repoRoot, selection.models_dir),
        only: toBuild,
        onProgress: (message) => logger.info(message),
      });
      if (result.built.length > 0) logger.info({ built: result.built }, 'built-in models built');
    }
    this.#device = new WorkerClient(startWorker(workerModule('device-worker'), 'sluice-device'));
    const profileDir = settings.onnx_profile_dir ? path.resolve(repoRoot, settings.onnx_profile_dir) : '';
    await this.#device.call('init', { threads: settings.intra_op_threads, profileDir });
  }

  /** Model folders: every sub-folder of models_dir holding an ONNX graph (model-variant.ts), plus extra_models. */
  #discover(selection: ModelSelection): Map<string, string> {
    const { repoRoot } = this.options;
    const found = new Map<string, string>();
    const dir = path.resolve(repoRoot, selection.models_dir);
    if (existsSync(dir)) {
      for (const name of readdirNames(dir)) {
        if (Object.keys(findVariants(path.join(dir, name))).length > 0) found.set(name, path.join(dir, name));
      }
    }
    for (const extra of selection.extra_models) {
      const folder = path.resolve(repoRoot, extra);
      found.set(path.basename(folder), folder);
    }
    return found;
  }

  /** Reads and checks the spec of every model a selection names, before any of them is loaded. */
  #specs(selection: ModelSelection): ModelSpec[] {
    const { settings } = this.options;
    const folders = this.#discover(selection);
    const wanted = selectedModels(selection);
    const missing = wanted.filter((m) => !folders.has(m));
    if (missing.length > 0)
      throw new Error(
        `model folder(s) not found: ${missing.join(', ')} (looked in ${selection.models_dir} and extra_models)`,
      );
    if (settings.max_batch_tokens < 1) throw new Error('inference.max_batch_tokens must be positive');
    return wanted.map((name) => {
      const spec = readModelSpec(folders.get(name)!, name);
      if (name === selection.embedding_model && spec.kind !== 'embedding')
        throw new Error(`inference.embedding_model ${name} is a ${spec.task} model, not an embedding model`);
      if (selection.extra_embedding_models.includes(name) && spec.kind !== 'embedding')
        throw new Error(`inference.extra_embedding_models: ${name} is a ${spec.task} model, not an embedding model`);
      if (selection.classifier_models.includes(name) && spec.kind !== 'classifier')
        throw new Error(`inference.classifier_models: ${name} is an embedding model`);
      if (settings.max_batch_tokens < spec.maxLength) {
        throw new Error(
          `inference.max_batch_tokens (${settings.max_batch_tokens}) is below the maximum input length of ${name} (${spec.maxLength} tokens): such inputs could never be batched; raise max_batch_tokens or lower the model's max_length in sluice.json`,
        );
      }
      return spec;
    });
  }

  /**
   * (Re)loads every model `selection` names (default: the current one): new sessions replace old ones once
   * warmed up, and models no longer named are unloaded (their queued inputs answer `unavailable`).
   */
  async load(selection: ModelSelection = this.#selection): Promise<{ loaded: string[]; unloaded: string[] }> {
    const wanted = selectedModels(selection);
    for (const spec of this.#specs(selection)) {
      const model = await this.#load(spec);
      this.options.logger.info(
        { model: spec.name, task: spec.task, provider: model.provider, precision: model.precision },
        'model loaded',
      );
    }
    this.#selection = selection;
    this.similarity ??= await startSimilarityBatcher(this.#device!, this.#slots, this.options);
    const unloaded = [...this.models.keys()].filter((name) => !wanted.includes(name));
    for (const name of unloaded) await this.#unload(name);
    return { loaded: wanted, unloaded };
  }

  async #unload(name: string): Promise<void> {
    const model = this.models.get(name)!;
    this.models.delete(name);
    model.batcher.close(new InferenceError('unavailable', `model ${name} was unloaded`));
    await this.#device!.call('unload', { name });
    await this.options.tokenizers.release(name, model.tokenizerKey);
    this.options.logger.info({ model: name }, 'model unloaded');
  }

  async #load(spec: ModelSpec): Promise<LoadedModel> {
    const { settings, tokenizers } = this.options;
    const device = this.#device!;
    const loaded = await device.call<{ provider: string; precision: string; file: string; tried: string[] }>('load', {
      spec,
      device: settings.device,
      precision: settings.precision,
    });
    // Which providers failed before one worked, and which graph runs: what a user checks first on a GPU box.
    this.options.logger.info(
      {
        model: spec.name,
        device: settings.device,
        tried: loaded.tried,
        provider: loaded.provider,
        precision: loaded.precision,
        file: path.relative(spec.folder, loaded.file),
      },
      'execution provider chosen',
    );
    const tokenizerKey = await tokenizers.acquire(spec.name, spec);
    const run = (ids: Int32Array, offsets: Int32Array) =>
      device.call<BatchOutput>('run', { name: spec.name, ids, offsets }, [
        ids.buffer as ArrayBuffer,
        offsets.buffer as ArrayBuffer,
      ]);
    // Warm-up: one input, then one full-length batch (which also measures activation memory), so the
    // first real request pays no start-up cost.
    const warm = await run(new Int32Array([1, 1]), new Int32Array([0, 2]));
    const budget = await this.#tokenBudget(spec, device);
    const previous = this.models.get(spec.name);
    const batcher = new Batcher({
      model: spec.name,
      maxBatchSize: settings.max_batch_size,
      maxBatchTokens: budget.tokens,
      minBatchTokens: spec.maxLength,
      windowBatches: settings.length_window_batches,
      agingMilliseconds: settings.aging_milliseconds,
      lengthAware: settings.batch_ordering === 'length_aware',
      maxQueueDelayMilliseconds: settings.max_queue_delay_milliseconds,
      partialBatchWhenIdle: settings.dispatch_partial_when_idle,
      slots: this.#slots,
      metrics: this.options.metrics,
      run,
      onBatch: (info) => this.options.onBatch?.(spec.name, info),
    });
    const model: LoadedModel = {
      spec,
      provider: loaded.provider,
      precision: loaded.precision,
      dimensions: warm.columns,
      batcher,
      tokenizerKey,
      bytesPerToken: budget.bytesPerToken,
    };
    this.models.set(spec.name, model);
    // Inputs queued for the old session run on the new one: a reload loses nothing.
    previous?.batcher.handOver(batcher);
    // A reloaded model whose tokenizer changed no longer holds the old one.
    if (previous && previous.tokenizerKey !== tokenizerKey) await tokenizers.release(spec.name, previous.tokenizerKey);
    return model;
  }

  /**
   * The padded-token budget of a model's batches: max_batch_tokens, capped by what the device memory
   * budget holds at the activation bytes per token measured on a full-length warm-up batch.
   */
  async #tokenBudget(spec: ModelSpec, device: WorkerClient): Promise<{ tokens: number; bytesPerToken: number }> {
    const { settings, logger } = this.options;
    const length = spec.maxLength;
    const rows = Math.max(
      1,
      Math.min(settings.max_batch_size, Math.floor(Math.min(settings.max_batch_tokens, 8192) / length)),
    );
    const measured = await device.call<{ bytesPerToken: number; source: string }>('measure', {
      name: spec.name,
      rows,
      length,
    });
    // A floor keeps a noisy (or fully reused) measurement from promising unbounded batches.
    const bytesPerToken = Math.max(256, measured.bytesPerToken);
    const memoryBytes = settings.max_device_memory_gigabytes * 1024 ** 3;
    const byMemory = Math.floor(memoryBytes / bytesPerToken);
    const tokens = Math.min(settings.max_batch_tokens, byMemory);
    logger.info(
      {
        model: spec.name,
        bytes_per_token: Math.round(bytesPerToken),
        measured_on: measured.source,
        token_budget: tokens,
      },
      'token budget',
    );
    if (tokens < spec.maxLength) {
      throw new Error(
        `inference.max_device_memory_gigabytes (${settings.max_device_memory_gigabytes}) holds only ${byMemory} tokens per batch for ${spec.name} ` +
          `(${Math.round(bytesPerToken)} activation bytes per token measured at warm-up), below its maximum input length of ${spec.maxLength} tokens: ` +
          'raise max_device_memory_gigabytes or lower the max_length in its sluice.json',
      );
    }
    return { tokens, bytesPerToken };
  }

  /** Closes every batcher (queued inputs answer `unavailable`) and ends the device thread. */
  async close(): Promise<void> {
    for (const m of this.models.values())
      m.batcher.close(new InferenceError('unavailable', 'the inference service is shutting down'));
    // Releasing the sessions writes ONNX Runtime's profiles (onnx_profile_dir) before the thread ends.
    if (this.options.settings.onnx_profile_dir)
      await this.#device
        ?.call('releaseAll', {})
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'releasing the sessions failed'));
    await this.#device?.terminate();
  }
}

function readdirNames(dir: string): string[] {
  // Sorted for a stable load order; dot-folders are builds in progress.
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort();
}
