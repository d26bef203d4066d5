// Times in API responses: ISO 8601, or null where the time is unset (0 milliseconds).
export function isoTime(ms: number): string | null {
  return ms > 0 ? new Date(ms).toISOString() : null;
}
