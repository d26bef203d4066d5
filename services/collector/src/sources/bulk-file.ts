// Opening a bulk file (local path or URL, optionally gzip) as a byte stream positioned at its checkpoint,
// and splitting it into lines with exact byte offsets, in constant memory.
import { createReadStream, promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { SourceFetchError } from '../http/fetch-error.js';
import type { SourceOf } from '../source-settings.js';
import type { CollectContext } from './source-collector.js';

export type BulkSource = SourceOf<'jsonl'> | SourceOf<'csv'>;

/** Where an interrupted import resumes: the number of records read and, for plain local files, the byte offset after them. */
export interface FileCursor {
  line: number;
  byte_offset: number;
}

export function readFileCursor(cursor: unknown): FileCursor {
  const value = cursor as Partial<FileCursor> | null | undefined;
  const line = Number(value?.line ?? 0);
  const offset = Number(value?.byte_offset ?? 0);
  return {
    line: Number.isInteger(line) && line > 0 ? line : 0,
    byte_offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

export interface OpenedFile {
  stream: Readable;
  /** Byte offset (uncompressed) where the stream starts: lines before it are already done. */
  startOffset: number;
  /** Lines to skip before the first new one (when seeking by offset was impossible). */
  skipLines: number;
  /** Total bytes when known (progress estimate). */
  totalBytes: number;
  /** Whether byte offsets in this stream can be used to resume (plain local files). */
  seekable: boolean;
}

function isGzip(source: BulkSource): boolean {
  if (source.gzip !== 'auto') return source.gzip;
  const name = source.path ?? new URL(source.url!).pathname;
  return name.toLowerCase().endsWith('.gz');
}

export async function openBulkFile(context: CollectContext<BulkSource>, cursor: FileCursor): Promise<OpenedFile> {
  const { source } = context;
  const gzip = isGzip(source);
  if (source.path !== undefined) {
    const file = await context.resolvePath(source.path);
    let size: number;
    try {
      size = (await fs.stat(file)).size;
    } catch (error) {
      throw new SourceFetchError(
        'file',
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        { cause: error },
      );
    }
    const seekable = !gzip;
    const start = seekable && cursor.byte_offset <= size ? cursor.byte_offset : 0;
    const raw = createReadStream(file, { start, highWaterMark: 64 << 10 });
    const stream = gzip ? raw.pipe(zlib.createGunzip()) : raw;
    if (gzip) raw.on('error', (error) => stream.destroy(error));
    return { stream, startOffset: start, skipLines: seekable ? 0 : cursor.line, totalBytes: size, seekable };
  }
  const response = await context.http.stream(source.url!, {
    allowPrivate: context.allowPrivateNetwork,
    limiter: context.limiter,
    headers: source.headers,
    signal: context.signal,
  });
  const total = Number(response.headers['content-length'] ?? 0);
  const stream =
    gzip && !String(response.headers['content-encoding'] ?? '').includes('gzip')
      ? response.body.pipe(zlib.createGunzip())
      : response.body;
  if (stream !== response.body) response.body.on('error', (error) => stream.destroy(error));
  return { stream, startOffset: 0, skipLines: cursor.line, totalBytes: gzip ? 0 : total, seekable: false };
}

/** Lines of a byte stream with the byte offset just after each one ('\n' or '\r\n' endings). */
export async function* lines(
  stream: Readable,
  startOffset: number,
): AsyncIterable<{ text: string; endOffset: number }> {
  let offset = startOffset;
  // Only the unfinished last line of a chunk is carried over (and copied): chunks are never concatenated whole.
  let rest: Buffer[] = [];
  const text = (buffer: Buffer, start: number, end: number) => {
    const stop = end > start && buffer[end - 1] === 13 ? end - 1 : end;
    return buffer.toString('utf8', start, stop);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    let nl = chunk.indexOf(10);
    if (nl === -1) {
      rest.push(chunk);
      continue;
    }
    if (rest.length > 0) {
      const head = Buffer.concat([...rest, chunk.subarray(0, nl + 1)]);
      rest = [];
      offset += head.length;
      yield { text: text(head, 0, head.length - 1), endOffset: offset };
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    for (; nl !== -1; nl = chunk.indexOf(10, start)) {
      offset += nl + 1 - start;
      yield { text: text(chunk, start, nl), endOffset: offset };
      start = nl + 1;
    }
    if (start < chunk.length) rest.push(chunk.subarray(start));
  }
  if (rest.length > 0) {
    const tail = Buffer.concat(rest);
    offset += tail.length;
    yield { text: text(tail, 0, tail.length), endOffset: offset };
  }
}

/** A value at a dot path ("a.b.0.c"); the plain key is tried first. */
export function valueAt(record: unknown, dotPath: string): unknown {
  if (!dotPath) return record;
  if (record && typeof record === 'object' && dotPath in (record as object))
    return (record as Record<string, unknown>)[dotPath];
  let node: unknown = record;
  for (const key of dotPath.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function stringAt(record: unknown, dotPath: string): string | undefined {
  const value = valueAt(record, dotPath);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}
