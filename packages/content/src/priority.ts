/** Item priorities run from 0 (lowest) to 9 (highest); sources default to 5. */
export const MIN_PRIORITY = 0;
export const MAX_PRIORITY = 9;
export const DEFAULT_PRIORITY = 5;

export function clampPriority(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_PRIORITY;
  return Math.min(MAX_PRIORITY, Math.max(MIN_PRIORITY, Math.round(value)));
}
