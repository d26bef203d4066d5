// Timestamps as the protocol carries them: milliseconds since the epoch.

/** Milliseconds since the epoch for a timestamptz column (a Date, or text from raw SQL); 0 for NULL. */
export function epochMs(value: Date | string | number | null | undefined): number {
  if (!value) return 0;
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}
