// The core of the service: loads models into the device thread, tokenizes in the tokenizer thread, admits
// requests, consults the result cache and hands inputs to each model's micro-batcher. Front ends (gRPC
// unary and streaming calls, the pipeline stage) only translate to and from this API.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_MODELS, ensureBuiltinModels } from '@sluice/models';
import type { Logger } from '@sluice/service-kit';
import { Admission } from './admission.js';
import { Batcher, type BatchOutput, type PendingInput } from './batcher.js';
import { DeviceSlots } from './device-slots.js';
import { InferenceError, asInferenceError } from './errors.js';
import type { InferenceMetrics } from './metrics.js';
import { readModelSpec, type ModelSpec } from './model-spec.js';
import { findVariants } from './model-variant.js';
import { ResultCache } from './result-cache.js';
import type { InferenceSettings } from './settings.js';
import { WorkerClient, startWorker } from './worker/worker-rpc.js';

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

export interface InferenceCoreOptions {
  settings: InferenceSettings;
  repoRoot: string;
  logger: Logger;
  metrics?: InferenceMetrics;
  /** Called after every batch (benchmarks, tests). */
  onBatch?: (model: string, info: { size: number; paddedTokens: number; realTokens: number }) => void;
}

interface Encoded {
  ids: Int32Array;
  offsets: Int32Array;
  ns: number;
}

const ZERO_TIMING: Timing = { queue_ns: 0, tokenization_ns: 0, inference_ns: 0 };
const NON_SPACE = /\S/;
/** Texts in the first tokenizer message of a turn; each further message may hold four times more. */
const FIRST_TOKENIZE_CHUNK_TEXTS = 16;

export class InferenceCore {
  readonly models = new Map<string, LoadedModel>();
  readonly #slots = new DeviceSlots(2);
  readonly #admission: Admission;
  readonly #cache: ResultCache;
  #device: WorkerClient | undefined;
  /** Tokenizer threads; `outstanding` counts the texts sent to each and not yet answered. */
  #tokenizers: Array<{ client: WorkerClient; outstanding: number }> = [];
  #loadedTokenizers = new Set<string>();
  #ready = false;
  #selection: ModelSelection;

  constructor(private readonly options: InferenceCoreOptions) {
    this.#selection = modelSelection(options.settings);
    this.#admission = new Admission(options.settings.max_in_flight_inputs);
    this.#cache = new ResultCache(options.settings.cache_max_megabytes * 1024 * 1024);
  }

  get ready(): boolean {
    return this.#ready;
  }

  get inFlight(): number {
    return this.#admission.inFlight;
  }

  get embeddingModel(): string {
    return this.#selection.embedding_model;
  }

  get classifierModels(): string[] {
    return this.#selection.classifier_models.filter((m) => this.models.has(m));
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

  async start(): Promise<void> {
    const { repoRoot, logger } = this.options;
    const selection = this.#selection;
    const builtin = new Set(BUILTIN_MODELS.map((m) => m.name));
    const wanted = selectedModels(selection);
    const toBuild = wanted.filter((m) => builtin.has(m));
    if (toBuild.length > 0) {
      const result = await ensureBuiltinModels({
        dir: path.resolve(repoRoot, selection.models_dir),
        only: toBuild,
        onProgress: (message) => logger.info(message),
      });
      if (result.built.length > 0) logger.info({ built: result.built }, 'built-in models built');
    }
    this.#device = new WorkerClient(
      startWorker(new URL('./worker/device-worker' + extension(), import.meta.url), 'sluice-device'),
    );
    const tokenizerThreads =
      this.options.settings.tokenizer_threads === 'auto'
        ? Math.min(4, os.availableParallelism())
        : this.options.settings.tokenizer_threads;
    this.#tokenizers = Array.from({ length: tokenizerThreads }, (_, i) => ({
      client: new WorkerClient(
        startWorker(new URL('./worker/tokenizer-worker' + extension(), import.meta.url), `sluice-tokenizer-${i}`),
      ),
      outstanding: 0,
    }));
    const profileDir = this.options.settings.onnx_profile_dir
      ? path.resolve(repoRoot, this.options.settings.onnx_profile_dir)
      : '';
    await this.#device.call('init', { threads: this.options.settings.intra_op_threads, profileDir });
    await this.loadModels();
    this.#ready = true;
  }

  /**
   * (Re)loads every model `selection` names (default: the current one): new sessions replace old ones once
   * warmed up, and models no longer named are unloaded (their queued inputs answer `unavailable`).
   */
  async loadModels(selection: ModelSelection = this.#selection): Promise<{ loaded: string[]; unloaded: string[] }> {
    const { settings, logger } = this.options;
    const folders = this.#discover(selection);
    const wanted = selectedModels(selection);
    const missing = wanted.filter((m) => !folders.has(m));
    if (missing.length > 0)
      throw new Error(
        `model folder(s) not found: ${missing.join(', ')} (looked in ${selection.models_dir} and extra_models)`,
      );
    if (settings.max_batch_tokens < 1) throw new Error('inference.max_batch_tokens must be positive');
    const specs = wanted.map((name) => {
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
    for (const spec of specs) {
      await this.#load(spec);
      logger.info(
        {
          model: spec.name,
          task: spec.task,
          provider: this.models.get(spec.name)!.provider,
          precision: this.models.get(spec.name)!.precision,
        },
        'model loaded',
      );
    }
    this.#selection = selection;
    const unloaded = [...this.models.keys()].filter((name) => !wanted.includes(name));
    for (const name of unloaded) await this.#unload(name);
    this.#cache.clear();
    return { loaded: wanted, unloaded };
  }

  async #unload(name: string): Promise<void> {
    const model = this.models.get(name)!;
    this.models.delete(name);
    model.batcher.close(new InferenceError('unavailable', `model ${name} was unloaded`));
    await this.#device!.call('unload', { name });
    if (![...this.models.values()].some((m) => m.tokenizerKey === model.tokenizerKey)) {
      await Promise.all(this.#tokenizers.map((t) => t.client.call('unload', { name: model.tokenizerKey })));
      this.#loadedTokenizers.delete(model.tokenizerKey);
    }
    this.options.logger.info({ model: name }, 'model unloaded');
  }

  async #load(spec: ModelSpec): Promise<void> {
    const { settings } = this.options;
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
    const tokenizerKey = tokenizerKeyOf(spec);
    if (!this.#loadedTokenizers.has(tokenizerKey)) {
      await Promise.all(
        this.#tokenizers.map((t) =>
          t.client.call('load', {
            name: tokenizerKey,
            folder: spec.folder,
            maxLength: spec.maxLength,
            keepLastToken: spec.keepLastToken,
          }),
        ),
      );
      this.#loadedTokenizers.add(tokenizerKey);
    }
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
    this.models.set(spec.name, {
      spec,
      provider: loaded.provider,
      precision: loaded.precision,
      dimensions: warm.columns,
      batcher,
      tokenizerKey,
      bytesPerToken: budget.bytesPerToken,
    });
    // Inputs queued for the old session run on the new one: a reload loses nothing.
    previous?.batcher.handOver(batcher);
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

  #encodeQueue: Array<{ name: string; texts: string[]; resolve: (r: Encoded) => void; reject: (e: Error) => void }> =
    [];

  /**
   * Tokenizes in the tokenizer threads. The calls of one event-loop turn travel in messages of growing size
   * (16, 64, 256… texts; a larger call travels whole), each to the least busy thread. The first results come
   * back quickly, so the device starts on them while the rest is tokenized: with one message for a whole
   * burst of single-item requests, the device idled during tokenization and the tokenizer during the run.
   * The later, larger messages keep a backlog together, so length-aware ordering still sees a deep queue.
   */
  #encode(name: string, texts: string[]): Promise<Encoded> {
    return new Promise((resolve, reject) => {
      if (this.#encodeQueue.length === 0) setImmediate(() => this.#sendEncodeCalls());
      this.#encodeQueue.push({ name, texts, resolve, reject });
    });
  }

  #sendEncodeCalls(): void {
    const calls = this.#encodeQueue.splice(0);
    let chunk = FIRST_TOKENIZE_CHUNK_TEXTS;
    for (let start = 0; start < calls.length; chunk *= 4) {
      let end = start;
      let texts = 0;
      while (end < calls.length && (end === start || texts + calls[end]!.texts.length <= chunk))
        texts += calls[end++]!.texts.length;
      const part = calls.slice(start, end);
      start = end;
      const thread = this.#tokenizers.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
      thread.outstanding += texts;
      thread.client
        .call<Encoded[]>('encodeMany', { requests: part.map((c) => ({ name: c.name, texts: c.texts })) })
        .then(
          (results) => {
            thread.outstanding -= texts;
            part.forEach((c, i) => c.resolve(results[i]!));
          },
          (error: Error) => {
            thread.outstanding -= texts;
            part.forEach((c) => c.reject(error));
          },
        );
    }
  }

  #model(name: string): LoadedModel {
    const model = this.models.get(name);
    if (!model)
      throw new InferenceError(
        'not_found',
        `model ${name} is not loaded (loaded: ${[...this.models.keys()].join(', ')})`,
      );
    return model;
  }

  async #admit(n: number, options: RequestOptions): Promise<void> {
    if (!this.#ready) throw new InferenceError('unavailable', 'models are still loading');
    if (options.waitForAdmission) await this.#admission.admit(n, options.signal);
    else {
      try {
        this.#admission.tryAdmit(n);
      } catch (error) {
        this.options.metrics?.rejections.inc({ reason: 'overloaded' }, n);
        throw error;
      }
    }
    this.options.metrics?.inFlight.set(this.#admission.inFlight);
  }

  #release(n: number): void {
    this.#admission.release(n);
    this.options.metrics?.inFlight.set(this.#admission.inFlight);
  }

  /** Runs inputs through one model: cache, tokenization, batcher. Never throws per input. */
  async #infer(
    model: LoadedModel,
    inputs: TextIn[],
    options: RequestOptions,
    tokenized?: Map<string, Promise<Encoded>>,
  ): Promise<VectorOutcome[]> {
    const metrics = this.options.metrics;
    const outcomes: VectorOutcome[] = new Array(inputs.length);
    const caching = this.options.settings.cache_max_megabytes > 0;
    const keys = caching
      ? inputs.map((input) => ResultCache.key(model.spec.name, input.content_hash || hashText(input.text)))
      : [];
    const misses: number[] = [];
    let empty = 0;
    inputs.forEach((input, i) => {
      // Empty text has no meaning to embed; a model would still answer (a zero vector, a prior), so refuse it.
      if (!NON_SPACE.test(input.text)) {
        outcomes[i] = {
          error: new InferenceError('invalid_input', 'the text is empty (nothing to embed or classify)'),
        };
        empty++;
        return;
      }
      const hit = caching ? this.#cache.get(keys[i]!) : undefined;
      if (hit) outcomes[i] = { values: hit, timing: ZERO_TIMING, cached: true };
      else misses.push(i);
    });
    if (empty) metrics?.rejections.inc({ reason: 'invalid' }, empty);
    metrics?.cacheLookups.inc({ result: 'hit' }, inputs.length - empty - misses.length);
    metrics?.cacheLookups.inc({ result: 'miss' }, misses.length);
    metrics?.cacheBytes.set(this.#cache.bytes);
    if (misses.length === 0) return outcomes;
    let encoded: Encoded;
    try {
      const texts = misses.map((i) => inputs[i]!.text);
      const cacheKey = `${model.tokenizerKey}:${misses.join(',')}`;
      let pending = tokenized?.get(cacheKey);
      if (!pending) {
        pending = this.#encode(model.tokenizerKey, texts);
        tokenized?.set(cacheKey, pending);
      }
      encoded = await pending;
    } catch (error) {
      const failure = asInferenceError(error);
      for (const i of misses) outcomes[i] = { error: failure };
      return outcomes;
    }
    metrics?.tokenizationSeconds.observe({ model: model.spec.name }, encoded.ns / 1e9);
    const deadline = options.deadline ?? Infinity;
    const signal = options.signal;
    const now = performance.now();
    await new Promise<void>((done) => {
      let remaining = misses.length;
      const finish = () => {
        if (--remaining === 0) done();
      };
      const entries: PendingInput[] = misses.map((inputIndex, j) => {
        const ids = encoded.ids.slice(encoded.offsets[j]!, encoded.offsets[j + 1]!);
        return {
          ids,
          tokens: Math.max(1, ids.length),
          priority: inputs[inputIndex]!.priority ?? 5,
          enqueuedAt: now,
          deadline,
          isCancelled: () => signal?.aborted === true,
          resolve: ({ values, queueNs, inferenceNs }) => {
            if (caching) this.#cache.set(keys[inputIndex]!, values);
            outcomes[inputIndex] = {
              values,
              cached: false,
              timing: { queue_ns: queueNs, tokenization_ns: encoded.ns, inference_ns: inferenceNs },
            };
            finish();
          },
          reject: (error) => {
            outcomes[inputIndex] = { error };
            finish();
          },
        };
      });
      model.batcher.enqueue(entries);
    });
    return outcomes;
  }

  /** Embeddings of `inputs` with one model (default: the configured embedding model). */
  async embed(
    modelName: string,
    inputs: TextIn[],
    options: RequestOptions = {},
  ): Promise<{ model: string; outcomes: VectorOutcome[] }> {
    const model = this.#model(modelName || this.embeddingModel);
    if (model.spec.kind !== 'embedding')
      throw new InferenceError(
        'invalid_input',
        `model ${model.spec.name} is a ${model.spec.task} model, not an embedding model`,
      );
    await this.#admit(inputs.length, options);
    try {
      return { model: model.spec.name, outcomes: await this.#infer(model, inputs, options) };
    } finally {
      this.#release(inputs.length);
    }
  }

  /** Every input through every named classifier (default: the configured classifiers), labels sorted. */
  async classify(modelNames: string[], inputs: TextIn[], options: RequestOptions = {}): Promise<ClassifyOutcome[][]> {
    const names = modelNames.length > 0 ? modelNames : this.classifierModels;
    const models = names.map((n) => this.#model(n));
    for (const m of models)
      if (m.spec.kind !== 'classifier')
        throw new InferenceError('invalid_input', `model ${m.spec.name} is an embedding model; use Embed`);
    const n = inputs.length * models.length;
    await this.#admit(n, options);
    try {
      return await this.#classify(models, inputs, options, new Map());
    } finally {
      this.#release(n);
    }
  }

  async #classify(
    models: LoadedModel[],
    inputs: TextIn[],
    options: RequestOptions,
    tokenized: Map<string, Promise<Encoded>>,
  ): Promise<ClassifyOutcome[][]> {
    const perModel = await Promise.all(models.map((m) => this.#infer(m, inputs, options, tokenized)));
    return inputs.map((_, i) =>
      models.map((m, k): ClassifyOutcome => {
        const outcome = perModel[k]![i]!;
        if ('error' in outcome) return { model: m.spec.name, error: outcome.error };
        const labels = m.spec.labels
          .map((name, j) => ({ name, score: outcome.values[j] ?? 0 }))
          .sort((a, b) => b.score - a.score);
        return { model: m.spec.name, task: m.spec.task, labels, timing: outcome.timing };
      }),
    );
  }

  /** Embedding and every classifier for pipeline items, sharing tokenization between models that can. */
  async analyze(
    inputs: TextIn[],
    options: RequestOptions,
  ): Promise<{ embedding: { model: string; outcomes: VectorOutcome[] }; classifications: ClassifyOutcome[][] }> {
    const embedding = this.#model(this.embeddingModel);
    const classifiers = this.classifierModels.map((n) => this.#model(n));
    const n = inputs.length * (1 + classifiers.length);
    await this.#admit(n, options);
    try {
      const tokenized = new Map<string, Promise<Encoded>>();
      const [outcomes, classifications] = await Promise.all([
        this.#infer(embedding, inputs, options, tokenized),
        this.#classify(classifiers, inputs, options, tokenized),
      ]);
      return { embedding: { model: embedding.spec.name, outcomes }, classifications };
    } finally {
      this.#release(n);
    }
  }

  describeModels(): Array<{
    name: string;
    task: string;
    execution_provider: string;
    max_length: number;
    dimensions: number;
    labels: string[];
    ready: boolean;
  }> {
    return [...this.models.values()].map((m) => ({
      name: m.spec.name,
      task: m.spec.task,
      execution_provider: `${m.provider}/${m.precision}`,
      max_length: m.spec.maxLength,
      dimensions: m.dimensions,
      labels: m.spec.labels,
      ready: this.#ready,
    }));
  }

  async close(): Promise<void> {
    this.#ready = false;
    for (const m of this.models.values())
      m.batcher.close(new InferenceError('unavailable', 'the inference service is shutting down'));
    // Releasing the sessions writes ONNX Runtime's profiles (onnx_profile_dir) before the thread ends.
    if (this.options.settings.onnx_profile_dir)
      await this.#device
        ?.call('releaseAll', {})
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'releasing the sessions failed'));
    await Promise.all([this.#device?.terminate(), ...this.#tokenizers.map((t) => t.client.terminate())]);
  }
}

function readdirNames(dir: string): string[] {
  // Sorted for a stable load order; dot-folders are builds in progress.
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort();
}

function extension(): string {
  return import.meta.url.endsWith('.ts') ? '.ts' : '.js';
}

function hashText(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function tokenizerKeyOf(spec: ModelSpec): string {
  const content = readFileSync(path.join(spec.folder, 'tokenizer.json'));
  const config = existsSync(path.join(spec.folder, 'tokenizer_config.json'))
    ? readFileSync(path.join(spec.folder, 'tokenizer_config.json'))
    : '';
  return createHash('sha1')
    .update(content)
    .update(config)
    .update(`${spec.maxLength}:${spec.keepLastToken}`)
    .digest('hex')
    .slice(0, 16);
}
