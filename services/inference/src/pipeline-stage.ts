// The inference stage of the pipeline: every item gets its embedding and classifications. An item whose
// models fail becomes a dead letter (reason "model_error"); a thrown error retries the whole batch.
import type { DeadLetter, ItemBatch, ItemBatch__Output, PipelineItem, PipelineItem__Output } from '@sluice/protocol';
import { clampPriority } from '@sluice/content';
import type { InferenceCore, TextIn, Timing } from './inference-core.js';

/** The text a model reads: normalized title + "\n" + text, else the raw title and summary/content. */
export function itemText(item: PipelineItem__Output): string {
  const n = item.normalized;
  if (n && (n.title || n.text)) return `${n.title}\n${n.text}`.trim();
  const raw = item.raw;
  if (!raw) return '';
  return `${raw.title}\n${raw.summary || raw.content}`.trim();
}

function deadLetter(item: PipelineItem__Output, reason: string, detail: string): DeadLetter {
  return {
    item_id: item.raw?.id ?? '',
    source_id: item.raw?.source_id ?? '',
    stage: 'inference',
    reason,
    detail,
    payload_json: JSON.stringify(item),
  };
}

export async function processBatch(
  core: InferenceCore,
  batch: ItemBatch__Output,
  signal?: AbortSignal,
): Promise<ItemBatch> {
  const texts = batch.items.map(itemText);
  // An item without text (a bare link) is valid content with nothing for the models: it goes on unclassified and
  // the scorer rates it from what it has.
  const withText = batch.items.flatMap((item, i) => (texts[i] ? [i] : []));
  const inputs: TextIn[] = withText.map((i) => {
    const item = batch.items[i]!;
    return {
      id: item.raw?.id,
      text: texts[i]!,
      content_hash: item.normalized?.content_hash
        ? `${item.normalized.content_hash}:${item.raw?.title.length ?? 0}`
        : undefined,
      priority: clampPriority(item.raw?.priority ?? 5),
    };
  });
  const deadline = batch.deadline_unix_ms > 0 ? performance.now() + (batch.deadline_unix_ms - Date.now()) : Infinity;
  const { embedding, classifications } =
    inputs.length > 0
      ? await core.analyze(inputs, { deadline, signal, waitForAdmission: true })
      : { embedding: { model: '', outcomes: [] }, classifications: [] };
  const items: PipelineItem[] = [];
  const deadLetters: DeadLetter[] = [...batch.dead_letters];
  let next = 0;
  batch.items.forEach((item, i) => {
    if (!texts[i]) {
      items.push({
        ...item,
        classifications: [],
        inference_timing: { queue_ns: 0, tokenization_ns: 0, inference_ns: 0 },
      });
      return;
    }
    const vector = embedding.outcomes[next]!;
    const classes = classifications[next++]!;
    const failure = 'error' in vector ? vector.error : classes.find((c) => 'error' in c);
    if (failure) {
      const error = 'code' in failure ? failure : (failure as { error: { code: string; message: string } }).error;
      deadLetters.push(deadLetter(item, error.code === 'expired' ? 'expired' : 'model_error', error.message));
      return;
    }
    const timing: Timing = { queue_ns: 0, tokenization_ns: 0, inference_ns: 0 };
    for (const t of [vector, ...classes]) {
      if (!('timing' in t)) continue;
      timing.queue_ns = Math.max(timing.queue_ns, t.timing.queue_ns);
      timing.tokenization_ns = Math.max(timing.tokenization_ns, t.timing.tokenization_ns);
      timing.inference_ns = Math.max(timing.inference_ns, t.timing.inference_ns);
    }
    items.push({
      ...item,
      embedding: { model: embedding.model, values: Array.from((vector as { values: Float32Array }).values) },
      classifications: classes.flatMap((c) =>
        'labels' in c ? [{ model: c.model, task: c.task, labels: c.labels }] : [],
      ),
      inference_timing: timing,
    });
  });
  return { batch_id: batch.batch_id, items, dead_letters: deadLetters, deadline_unix_ms: batch.deadline_unix_ms };
}
