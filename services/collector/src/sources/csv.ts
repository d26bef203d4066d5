// CSV bulk import: streamed through csv-parse in constant memory; the first row names the columns. A row
// with the wrong number of fields becomes a dead letter; resume skips the records already acknowledged.
import { parse } from 'csv-parse';
import type { SourceOf } from '../source-settings.js';
import { SourceFetchError } from '../http/fetch-error.js';
import { openBulkFile, readFileCursor } from './bulk-file.js';
import { batchRecords } from './jsonl.js';
import type { Chunk, CollectContext } from './source-collector.js';

export async function* collectCsv(context: CollectContext<SourceOf<'csv'>>): AsyncIterable<Chunk> {
  const { source } = context;
  const cursor = readFileCursor(context.state.cursor);
  // CSV resumes by record count: a byte offset would lose the header row.
  const file = await openBulkFile(context, { line: cursor.line, byte_offset: 0 });
  const parser = file.stream.pipe(
    parse({
      delimiter: source.delimiter,
      relax_column_count: true,
      bom: true,
      skip_empty_lines: true,
      relax_quotes: true,
      info: true,
    }),
  );
  file.stream.on('error', (error) => parser.destroy(error));
  async function* records() {
    let columns: string[] | undefined;
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
        if (!columns) {
          columns = record.map((c) => c.trim());
          continue;
        }
        if (record.length !== columns.length) {
          yield {
            endOffset: info.bytes,
            error: `expected ${columns.length} fields, found ${record.length}`,
            raw: record.join(source.delimiter),
          };
          continue;
        }
        const row: Record<string, unknown> = {};
        columns.forEach((column, i) => (row[column] = record[i]));
        const tags = row[source.fields.tags];
        if (typeof tags === 'string')
          row[source.fields.tags] = tags
            .split(source.tags_separator)
            .map((t) => t.trim())
            .filter(Boolean);
        yield { endOffset: info.bytes, record: row };
      }
    } catch (error) {
      if (error instanceof SourceFetchError) throw error;
      throw new SourceFetchError('parse', `CSV parse error: ${(error as Error).message}`, { cause: error });
    }
  }
  yield* batchRecords(context, records(), { ...file, seekable: false, startOffset: 0 }, cursor.line);
}
