// The inference stage of the pipeline: every item gets its embedding and classifications. A long item's chunks
// are read one by one (all chunks of all items of a batch go to the micro-batcher together) and pooled
// (chunk-pooling.ts). An item whose models fail becomes a dead letter (reason "model_error"); a thrown error
// retries the whole batch.
import type {
  ChunkEmbedding,
  Classification,
  DeadLetter,
  ItemBatch,
  ItemBatch__Output,
  PipelineItem,
  PipelineItem__Output,
} from '@sluice/protocol';
import { itemDeadLetter } from '@sluice/protocol';
import { DEFAULT_PRIORITY, clampPriority } from '@sluice/common';
import { itemReading, poolLabels, poolVectors, type ItemReading } from './chunk-pooling.js';
import type { ClassifyOutcome, InferenceCore, TextIn, Timing, VectorOutcome } from './inference-core.js';
import type { InferenceError } from './errors.js';

export { itemText } from './chunk-pooling.js';

function inputsOf(item: PipelineItem__Output, reading: ItemReading): TextIn[] {
  const priority = clampPriority(item.raw?.priority ?? DEFAULT_PRIORITY);
  const hash = item.normalized?.content_hash;
  return reading.texts.map((text) => ({
    id: item.raw?.id,
    text,
    // A short item's result is cached by its content; a chunk's by its own text (chunking settings may change).
    content_hash: !reading.chunked && hash ? `${hash}:${item.raw?.title.length ?? 0}` : undefined,
    priority,
  }));
}

function maxTiming(outcomes: ReadonlyArray<VectorOutcome | ClassifyOutcome>): Timing {
  const timing: Timing = { queue_ns: 0, tokenization_ns: 0, inference_ns: 0 };
  for (const t of outcomes) {
    if (!('timing' in t)) continue;
    timing.queue_ns = Math.max(timing.queue_ns, t.timing.queue_ns);
    timing.tokenization_ns = Math.max(timing.tokenization_ns, t.timing.tokenization_ns);
    timing.inference_ns = Math.max(timing.inference_ns, t.timing.inference_ns);
  }
  return timing;
}

/** The item's model outputs pooled over its texts, or the first failure. */
function poolItem(
  reading: ItemReading,
  vectors: readonly VectorOutcome[],
  classes: ReadonlyArray<readonly ClassifyOutcome[]>,
  normalize: boolean,
): { error: InferenceError } | { values: Float32Array; chunks: ChunkEmbedding[]; classifications: Classification[] } {
  const values: Float32Array[] = [];
  for (const v of vectors) {
    if ('error' in v) return { error: v.error };
    values.push(v.values);
  }
  const classifications: Classification[] = [];
  const models = classes[0]?.length ?? 0;
  for (let m = 0; m < models; m++) {
    const perChunk = [];
    let head: { model: string; task: string } | undefined;
    for (const outcomes of classes) {
      const c = outcomes[m]!;
      if ('error' in c) return { error: c.error };
      head ??= c;
      perChunk.push(c.labels);
    }
    if (head)
      classifications.push({ model: head.model, task: head.task, labels: poolLabels(perChunk, reading.weights) });
  }
  return {
    values: poolVectors(values, reading.weights, normalize),
    chunks: reading.chunked ? values.map((v, index) => ({ index, values: Array.from(v) })) : [],
    classifications,
  };
}

export async function processBatch(
  core: InferenceCore,
  batch: ItemBatch__Output,
  signal?: AbortSignal,
): Promise<ItemBatch> {
  const readings = batch.items.map(itemReading);
  // Every text of every item in one request: the micro-batcher packs chunks of different items together.
  const starts: number[] = [];
  const inputs: TextIn[] = [];
  batch.items.forEach((item, i) => {
    starts.push(inputs.length);
    inputs.push(...inputsOf(item, readings[i]!));
  });
  const deadline = batch.deadline_unix_ms > 0 ? performance.now() + (batch.deadline_unix_ms - Date.now()) : Infinity;
  const { embedding, classifications } =
    inputs.length > 0
      ? await core.analyze(inputs, { deadline, signal, waitForAdmission: true })
      : { embedding: { model: '', outcomes: [] }, classifications: [] };
  const normalize = core.models.get(embedding.model)?.spec.normalize ?? true;
  const items: PipelineItem[] = [];
  const deadLetters: DeadLetter[] = [...batch.dead_letters];
  batch.items.forEach((item, i) => {
    const reading = readings[i]!;
    // An item without text (a bare link) is valid content with nothing for the models: it goes on unclassified
    // and the scorer rates it from what it has.
    if (reading.texts.length === 0) {
      items.push({
        ...item,
        classifications: [],
        inference_timing: { queue_ns: 0, tokenization_ns: 0, inference_ns: 0 },
      });
      return;
    }
    const from = starts[i]!;
    const to = from + reading.texts.length;
    const vectors = embedding.outcomes.slice(from, to);
    const classes = classifications.slice(from, to);
    const pooled = poolItem(reading, vectors, classes, normalize);
    if ('error' in pooled) {
      const error = pooled.error;
      deadLetters.push(
        itemDeadLetter(item, 'inference', error.code === 'expired' ? 'expired' : 'model_error', error.message),
      );
      return;
    }
    items.push({
      ...item,
      embedding: { model: embedding.model, values: Array.from(pooled.values), chunks: pooled.chunks },
      classifications: pooled.classifications,
      inference_timing: maxTiming([...vectors, ...classes.flat()]),
    });
  });
  return { batch_id: batch.batch_id, items, dead_letters: deadLetters, deadline_unix_ms: batch.deadline_unix_ms };
}
