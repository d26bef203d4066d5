// The serving path: admits requests, consults the result cache, tokenizes in the tokenizer pool and hands
// inputs to each model's micro-batcher (model-registry.ts loads the models and owns their batchers). Front ends
// (gRPC unary and streaming calls, the pipeline stage) only translate to and from this API.
import { createHash } from 'node:crypto';
import type { Logger } from '@sluice/service-kit';
import { Admission } from './admission.js';
import type { PendingInput } from './batcher.js';
import { InferenceError, asInferenceError } from './errors.js';
import type { ClassifyOutcome, RequestOptions, TextIn, Timing, VectorOutcome } from './inference-api.js';
import type { InferenceMetrics } from './metrics.js';
import { ModelRegistry, type LoadedModel, type ModelSelection } from './model-registry.js';
import { ResultCache } from './result-cache.js';
import type { SimilarityInput, SimilarityOutput } from './similarity-batcher.js';
import type { InferenceSettings } from './settings.js';
import { TokenizerPool, type Encoded } from './tokenizer-pool.js';

export { modelSelection } from './model-registry.js';
export type { LoadedModel, ModelSelection } from './model-registry.js';
export type { ClassifyOutcome, LabelScore, RequestOptions, TextIn, Timing, VectorOutcome } from './inference-api.js';

export interface InferenceCoreOptions {
  settings: InferenceSettings;
  repoRoot: string;
  logger: Logger;
  metrics?: InferenceMetrics;
  /** Called after every batch (benchmarks, tests). */
  onBatch?: (model: string, info: { size: number; paddedTokens: number; realTokens: number }) => void;
}

const ZERO_TIMING: Timing = { queue_ns: 0, tokenization_ns: 0, inference_ns: 0 };
const NON_SPACE = /\S/;

export class InferenceCore {
  readonly #registry: ModelRegistry;
  readonly #tokenizers = new TokenizerPool();
  readonly #admission: Admission;
  readonly #cache: ResultCache;
  #ready = false;

  constructor(private readonly options: InferenceCoreOptions) {
    this.#registry = new ModelRegistry({ ...options, tokenizers: this.#tokenizers });
    this.#admission = new Admission(options.settings.max_in_flight_inputs);
    this.#cache = new ResultCache(options.settings.cache_max_megabytes * 1024 * 1024);
  }

  get models(): ReadonlyMap<string, LoadedModel> {
    return this.#registry.models;
  }

  get ready(): boolean {
    return this.#ready;
  }

  get inFlight(): number {
    return this.#admission.inFlight;
  }

  get embeddingModel(): string {
    return this.#registry.selection.embedding_model;
  }

  get classifierModels(): string[] {
    return this.#registry.selection.classifier_models.filter((m) => this.#registry.models.has(m));
  }

  /** Starts the device and tokenizer threads and loads and warms up the configured models. */
  async start(): Promise<void> {
    await this.#registry.start();
    this.#tokenizers.start(this.options.settings.tokenizer_threads);
    await this.#registry.load();
    this.#ready = true;
  }

  /**
   * (Re)loads every model `selection` names (default: the current one): new sessions replace old ones once
   * warmed up, and models no longer named are unloaded (their queued inputs answer `unavailable`).
   */
  async loadModels(selection?: ModelSelection): Promise<{ loaded: string[]; unloaded: string[] }> {
    const result = await this.#registry.load(selection);
    // A reloaded model may answer differently.
    this.#cache.clear();
    return result;
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
        pending = this.#tokenizers.encode(model.tokenizerKey, texts);
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
    const model = this.#registry.get(modelName || this.embeddingModel);
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
    const models = names.map((n) => this.#registry.get(n));
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
    const embedding = this.#registry.get(this.embeddingModel);
    const classifiers = this.classifierModels.map((n) => this.#registry.get(n));
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

  /** Cosine similarities by the similarity graph on the device, batched with other callers' requests. */
  similarity(input: SimilarityInput): Promise<SimilarityOutput> {
    const batcher = this.#registry.similarity;
    if (!this.#ready || !batcher) throw new InferenceError('unavailable', 'models are still loading');
    return batcher.compute(input);
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
    return [...this.#registry.models.values()].map((m) => ({
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
    await Promise.all([this.#registry.close(), this.#tokenizers.close()]);
  }
}

function hashText(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
