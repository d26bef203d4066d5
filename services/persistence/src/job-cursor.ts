// Opaque cursor for ListJobs (newest first): the last job's creation time (ms; jobs are created with ms timestamps) and id.
import { invalid } from './errors.js';

export interface JobCursor {
  createdAtMs: number;
  id: string;
}

export function encodeJobCursor(cursor: JobCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAtMs, cursor.id])).toString('base64url');
}

export function decodeJobCursor(value: string): JobCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && typeof parsed[0] === 'number' && typeof parsed[1] === 'string')
      return { createdAtMs: parsed[0], id: parsed[1] };
  } catch {
    // fall through
  }
  throw invalid('cursor is not a cursor returned by this API');
}
