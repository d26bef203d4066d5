// The one meaning of an item's priority, shared by every stage (docs/architecture.md, "Priority"). Defined here, once; @sluice/content re-exports it.
//
// A priority is an integer from 0 (lowest) to 9 (highest). 0 is a real value, "least urgent", never "unset":
// every producer sets it (the collector from the source's `priority`, default 5; the gateway's push from the
// request, default 5), the transformer replaces it with the pre-score's priority, the scorer with the final
// one. Waiting raises a waiter's effective priority by one level per aging interval, so low priorities are
// served late but never starved.

export const MIN_PRIORITY = 0;
export const MAX_PRIORITY = 9;
/** Sources and pushed items without a priority of their own. */
export const DEFAULT_PRIORITY = 5;
/** Default aging of the stages' queues: one level per 5 s of waiting (45 s from the lowest to the highest). */
export const DEFAULT_PRIORITY_AGING_MILLISECONDS = 5000;

/** Rounds into 0..9; a value that is not a number counts as the default. */
export function clampPriority(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_PRIORITY;
  return Math.min(MAX_PRIORITY, Math.max(MIN_PRIORITY, Math.round(value)));
}

/**
 * The priority a waiter is served with after waiting `waitedMilliseconds`: one level more per `agingMilliseconds`
 * (unbounded, so a long wait outranks any fresh arrival: starvation protection).
 */
export function agedPriority(priority: number, waitedMilliseconds: number, agingMilliseconds: number): number {
  return priority + Math.floor(Math.max(0, waitedMilliseconds) / agingMilliseconds);
}

/** A batch is as urgent as its most urgent item (items without one count as the default). */
export function batchPriority(items: ReadonlyArray<{ raw?: { priority?: number } | null }> | null | undefined): number {
  let highest = -1;
  for (const item of items ?? []) highest = Math.max(highest, clampPriority(item.raw?.priority ?? DEFAULT_PRIORITY));
  return highest < 0 ? DEFAULT_PRIORITY : highest;
}
