// One pipeline batch through the transformer: validate, normalize on the pool, link duplicates in arrival
// order, set each item's priority from its pre-score, and turn per-item failures into dead letters (never a
// failed batch for one bad item).
import type {
  DeadLetter,
  ItemBatch,
  ItemBatch__Output,
  NormalizedItem,
  PipelineItem,
  PipelineItem__Output,
  RawItem__Output,
} from '@sluice/protocol';
import { itemDeadLetter } from '@sluice/protocol';
import type { DedupEntry, DuplicateMatch } from './dedup-index.js';
import type { NormalizeOutcome } from './normalize-batch.js';
import { fingerprintFromHex } from './simhash.js';

export interface TransformDeps {
  normalize(items: RawItem__Output[]): Promise<NormalizeOutcome[]>;
  /** Links duplicates in order: a DedupIndex (this replica) or a SharedDedup (all replicas, shared-dedup.ts). */
  dedup: {
    checkBatch(entries: DedupEntry[]): Array<DuplicateMatch | undefined> | Promise<Array<DuplicateMatch | undefined>>;
  };
  /** Items with fewer words take part in exact dedup only. */
  nearDuplicateMinWords: number;
  onDuplicate?: (kind: 'exact' | 'near') => void;
  /** The item's priority from its pre-score (pre-score.ts), once normalized and linked; absent: unchanged. */
  prioritize?: (raw: RawItem__Output, normalized: NormalizedItem) => number;
}

export const STAGE = 'transformer';

/** Why an item cannot be transformed at all, or undefined when it can. */
export function invalidReason(item: PipelineItem__Output): string | undefined {
  const raw = item.raw;
  if (!raw) return 'item has no raw part';
  if (!raw.id) return 'item has no id';
  if (!raw.title && !raw.summary && !raw.content && !raw.url) return 'item has no title, summary, content or url';
  return undefined;
}

export async function transformBatch(batch: ItemBatch__Output, deps: TransformDeps): Promise<ItemBatch> {
  const deadLetters: DeadLetter[] = [...(batch.dead_letters ?? [])];
  const valid: PipelineItem__Output[] = [];
  for (const item of batch.items ?? []) {
    const invalid = invalidReason(item);
    if (invalid) deadLetters.push(itemDeadLetter(item, STAGE, 'invalid_item', invalid));
    else valid.push(item);
  }
  const outcomes = await deps.normalize(valid.map((item) => item.raw!));
  const normalizedItems: Array<{ item: PipelineItem__Output; normalized: NormalizedItem }> = [];
  valid.forEach((item, i) => {
    const outcome = outcomes[i];
    if (!outcome || !outcome.ok) {
      deadLetters.push(
        itemDeadLetter(
          item,
          STAGE,
          outcome?.reason ?? 'transform_failed',
          outcome && !outcome.ok ? outcome.detail : 'no result',
        ),
      );
      return;
    }
    normalizedItems.push({ item, normalized: outcome.normalized });
  });
  const matches = await deps.dedup.checkBatch(
    normalizedItems.map(({ item, normalized }) => ({
      id: item.raw!.id,
      contentHash: normalized.content_hash ?? '',
      dedupKey: normalized.dedup_key ?? '',
      fingerprint: fingerprintFromHex(normalized.simhash ?? '') ?? [0, 0],
      nearEligible: (normalized.word_count ?? 0) >= deps.nearDuplicateMinWords,
    })),
  );
  const items: PipelineItem[] = normalizedItems.map(({ item, normalized }, i) => {
    const match = matches[i];
    if (match) {
      normalized.duplicate_of = match.duplicate_of;
      normalized.duplicate_kind = match.duplicate_kind;
      if (match.duplicate_kind === 'exact' || match.duplicate_kind === 'near') deps.onDuplicate?.(match.duplicate_kind);
    }
    const raw = item.raw!;
    return { ...item, raw: deps.prioritize ? { ...raw, priority: deps.prioritize(raw, normalized) } : raw, normalized };
  });
  return { batch_id: batch.batch_id, items, dead_letters: deadLetters, deadline_unix_ms: batch.deadline_unix_ms };
}
