// The one way to build a dead letter (pipeline.proto DeadLetter), so every stage keeps the same bounds: a
// detail of at most MAX_DEAD_LETTER_DETAIL_CHARACTERS, and the rejected input as JSON so nothing is lost.
import type { DeadLetter } from './generated/sluice/v1/DeadLetter.js';
import type { PipelineItem__Output } from './generated/sluice/v1/PipelineItem.js';

/** Longest detail a dead letter carries (a parser message, a stack-free error text). */
export const MAX_DEAD_LETTER_DETAIL_CHARACTERS = 2000;

export interface DeadLetterFields {
  itemId: string;
  sourceId: string;
  /** The stage that rejected the input: collector, transformer, inference, scorer, persistence. */
  stage: string;
  /** A stable reason code (packages/content DEAD_LETTER_REASONS). */
  reason: string;
  detail: string;
  /** What was rejected, kept as JSON. */
  payload: unknown;
}

export function deadLetter(fields: DeadLetterFields): DeadLetter {
  return {
    item_id: fields.itemId,
    source_id: fields.sourceId,
    stage: fields.stage,
    reason: fields.reason,
    detail: fields.detail.slice(0, MAX_DEAD_LETTER_DETAIL_CHARACTERS),
    payload_json: payloadJson(fields.payload),
  };
}

/** A dead letter for a pipeline item a stage cannot handle (its ids come from the item). */
export function itemDeadLetter(item: PipelineItem__Output, stage: string, reason: string, detail: string): DeadLetter {
  return deadLetter({
    itemId: item.raw?.id ?? '',
    sourceId: item.raw?.source_id ?? '',
    stage,
    reason,
    detail,
    payload: item,
  });
}

/** The payload as JSON; a value JSON cannot hold (a BigInt, a cycle) is kept as its string form. */
export function payloadJson(payload: unknown): string {
  try {
    return JSON.stringify(payload) ?? 'null';
  } catch {
    return JSON.stringify({ unserializable: String(payload) });
  }
}
