// JSONL bulk import: streamed line by line in constant memory, one checkpoint per batch (records read and
// the byte offset after them), so an interrupted import resumes where the last acknowledged batch ended.
import type { DeadLetter, RawItem } from '@sluice/protocol';
import { buildItem, unreadableRecord, type FoundItem } from '../raw-item.js';
import type { SourceOf } from '../source-settings.js';
import { lines, openBulkFile, readFileCursor, stringAt, valueAt, type BulkSource } from './bulk-file.js';
import type { Chunk, CollectContext } from './source-collector.js';

type Fields = SourceOf<'jsonl'>['fields'];

export function recordToFound(record: unknown, fields: Fields, sourceKind: string): FoundItem {
  const tags = valueAt(record, fields.tags);
  return {
    externalId: stringAt(record, fields.id),
    url: stringAt(record, fields.url),
    title: stringAt(record, fields.title),
    summary: stringAt(record, fields.summary),
    content: stringAt(record, fields.content),
    contentType: stringAt(record, fields.content_type) === 'text/plain' ? 'text/plain' : 'text/html',
    author: stringAt(record, fields.author),
    published: valueAt(record, fields.published_at),
    tags: Array.isArray(tags)
      ? tags.filter((t): t is string => typeof t === 'string')
      : typeof tags === 'string'
        ? [tags]
        : [],
    language: stringAt(record, fields.language),
    sourceKind,
  };
}

/** Shared batching for record streams (JSONL and CSV): records → items/dead letters → chunks with checkpoints. */
export async function* batchRecords(
  context: CollectContext<BulkSource>,
  records: AsyncIterable<{ record?: unknown; error?: string; raw?: string; skip?: boolean; endOffset: number }>,
  file: { skipLines: number; totalBytes: number; seekable: boolean; startOffset: number },
  startLine: number,
): AsyncIterable<Chunk> {
  const { source } = context;
  let line = file.seekable ? startLine : 0;
  let items: RawItem[] = [];
  let deadLetters: DeadLetter[] = [];
  let endOffset = file.startOffset;
  const expected = () => {
    const read = endOffset - file.startOffset;
    if (!file.totalBytes || read <= 0 || line - startLine <= 0) return undefined;
    return Math.round(startLine + ((line - startLine) * (file.totalBytes - file.startOffset)) / read);
  };
  const flush = (): Chunk => {
    const chunk: Chunk = {
      items,
      deadLetters,
      checkpoint: { cursor: { line, byte_offset: file.seekable ? endOffset : 0 } },
      expected: expected(),
    };
    items = [];
    deadLetters = [];
    return chunk;
  };
  const collectedAt = context.now();
  for await (const entry of records) {
    endOffset = entry.endOffset;
    line += 1;
    if (line <= file.skipLines || entry.skip) continue;
    if (entry.error !== undefined) {
      deadLetters.push(
        unreadableRecord(
          source,
          source.kind === 'csv' ? 'invalid_record' : 'invalid_json',
          `record ${line}: ${entry.error}`,
          { line, raw: entry.raw?.slice(0, 100_000) },
        ),
      );
    } else {
      const built = buildItem(source, recordToFound(entry.record, source.fields, source.kind), collectedAt);
      if (built.ok) items.push(built.item);
      else deadLetters.push(built.deadLetter);
    }
    if (items.length + deadLetters.length >= source.batch_size) yield flush();
  }
  yield flush();
}

/** One JSONL line: a record (a JSON object), an error for anything else, or a skip for a blank line. */
export function parseJsonlLine(text: string): { record?: unknown; error?: string; raw?: string; skip?: boolean } {
  // Blank lines count as records so line numbers stay stable; they produce nothing.
  if (text.trim() === '') return { skip: true };
  try {
    const record: unknown = JSON.parse(text);
    if (record === null || typeof record !== 'object' || Array.isArray(record))
      return { error: 'not a JSON object', raw: text };
    return { record };
  } catch (error) {
    return { error: `invalid JSON: ${(error as Error).message}`, raw: text };
  }
}

export async function* collectJsonl(context: CollectContext<SourceOf<'jsonl'>>): AsyncIterable<Chunk> {
  const cursor = readFileCursor(context.state.cursor);
  const file = await openBulkFile(context, cursor);
  async function* records() {
    for await (const { text, endOffset } of lines(file.stream, file.startOffset)) {
      yield { endOffset, ...parseJsonlLine(text) };
    }
  }
  yield* batchRecords(context, records(), file, cursor.line);
}
