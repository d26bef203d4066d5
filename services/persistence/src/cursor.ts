// Opaque keyset cursors: base64url JSON of the sort, the last row's sort key and its id.
import { invalid } from './errors.js';

export type ItemSort = 'collected' | 'published' | 'score';

export interface Cursor {
  sort: ItemSort;
  /** Milliseconds for time sorts, the score for score. */
  key: number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string, sort: ItemSort): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid('cursor is not a cursor returned by this API');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[1] !== 'number' ||
    !Number.isFinite(parsed[1]) ||
    typeof parsed[2] !== 'string'
  ) {
    throw invalid('cursor is not a cursor returned by this API');
  }
  if (parsed[0] !== sort)
    throw invalid(`cursor was made for sort "${String(parsed[0])}", not "${sort}": keep the same sort while paging`);
  return { sort, key: parsed[1], id: parsed[2] };
}
