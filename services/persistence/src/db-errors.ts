// Sorts database errors into "retry the same write later" (transient) and "this data cannot be stored"
// (poison: isolate the item and dead-letter it). Everything else is a bug and fails the batch loudly.
export type WriteErrorKind = 'transient' | 'poison' | 'fatal';

const TRANSIENT_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

export function sqlState(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function classifyWriteError(error: unknown): WriteErrorKind {
  const code = sqlState(error);
  if (TRANSIENT_CONNECTION_CODES.has(code)) return 'transient';
  if (/^[0-9A-Z]{5}$/.test(code)) {
    const cls = code.slice(0, 2);
    // 22 data exception (bad date, NUL in text, bad JSON), 23 integrity, 54 program limit (index row too large).
    if (cls === '22' || cls === '23' || cls === '54') return 'poison';
    // 08 connection, 40 serialization/deadlock, 53 resources, 57 operator intervention/timeout, 58 system.
    if (['08', '40', '53', '57', '58'].includes(cls)) return 'transient';
    return 'fatal';
  }
  const message = (error as Error)?.message ?? '';
  if (/connection|terminat|timeout|socket/i.test(message)) return 'transient';
  return 'fatal';
}

export function describeError(error: unknown): string {
  const code = sqlState(error);
  const message = (error as Error)?.message ?? String(error);
  return code ? `${code}: ${message}` : message;
}
