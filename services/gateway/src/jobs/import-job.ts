// The import job: a JSONL file, each line one item (the POST /v1/items item shape), sent into the pipeline in
// batches through the push stream; counts come from the durable acknowledgements. Its checkpoint (resume_line)
// lets an import of the same unchanged server file after a cancelled or failed one start after it. An upload is
// an import of a file the gateway spooled itself (deleted when the job ends).
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { PersistenceAdminClient } from '@sluice/protocol';
import { resolveInFolders, type Logger } from '@sluice/service-kit';
import type { ValidateFunction } from 'ajv';
import { ApiError } from '../errors.js';
import type { PushChannel } from '../push-channel.js';
import type { PushItem } from '../schemas.js';
import type { UpstreamCaller } from '../upstream-caller.js';
import { parseImportLine } from './import-line.js';
import { resumeLine } from './import-resume.js';
import { ImportSends, type ImportCounts } from './import-sends.js';
import type { JobKind, JobParams, JobProgress } from './job-kind.js';

type ImportParams = Extract<JobParams, { kind: 'import' | 'upload' }>;

interface ImportFile {
  file: string;
  sourceId: string;
  /** A server file of the import folders: its import can resume after a cancelled or failed one. */
  resumable?: { path: string; source_id?: string };
  /** Deleted when the job ends (an upload). */
  spooled: boolean;
}

export interface ImportJobOptions {
  admin: PersistenceAdminClient;
  push?: PushChannel;
  caller: UpstreamCaller;
  logger: Logger;
  importDirectories: readonly string[];
  batchSize: number;
  maxInFlightBatches: number;
  /** A cancelled import waits at most this long for the acknowledgements of the batches it already sent. */
  cancelAckWaitMs: number;
  validateItem: ValidateFunction;
}

export function importJob(options: ImportJobOptions): JobKind<ImportParams, ImportFile> {
  return {
    async validate(params) {
      if (!options.push) throw new ApiError('not_implemented', 'pushing items is not enabled in this deployment');
      const sourceId = params.source_id ?? 'import';
      if (params.kind === 'upload')
        // Uploads are import jobs too; their params name the upload, not the spool file.
        return {
          record: { kind: 'import', params: { upload: params.name, bytes: params.bytes, source_id: params.source_id } },
          params: { file: params.file, sourceId, spooled: true },
        };
      const file = await resolveImportPath(options.importDirectories, params.path);
      return {
        record: { kind: 'import', params },
        params: { file, sourceId, resumable: { path: params.path, source_id: params.source_id }, spooled: false },
      };
    },
    run: (params, progress, signal) => runImport(options, params, progress, signal),
    async cleanup(params) {
      if (params.spooled) await rm(params.file, { force: true }).catch(() => undefined);
    },
  };
}

async function resolveImportPath(folders: readonly string[], requested: string): Promise<string> {
  const found = await resolveInFolders(folders, requested);
  if (found.ok) return found.file;
  if (found.reason === 'disabled')
    throw new ApiError('not_implemented', 'imports of server files are off (set gateway.import_directories)');
  throw new ApiError('invalid_parameter', found.message, {
    errors: [{ pointer: '/body/path', message: found.message }],
  });
}

async function runImport(
  options: ImportJobOptions,
  { file, sourceId, resumable }: ImportFile,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<void> {
  const counts: ImportCounts = {
    lines: 0,
    invalid: 0,
    sent: 0,
    stored: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    dead_lettered: 0,
    bytes_read: 0,
    bytes_total: 0,
    file_mtime_ms: 0,
    resume_line: 0,
    resumed_at_line: 0,
  };
  progress.counts = counts;
  const info = await stat(file);
  counts.bytes_total = info.size;
  counts.file_mtime_ms = Math.trunc(info.mtimeMs);
  // A cancelled or failed import of the same file resumes after its last acknowledged line.
  const skip = resumable
    ? await resumeLine(options, progress.jobId, resumable, { size: info.size, mtimeMs: counts.file_mtime_ms })
    : 0;
  counts.resumed_at_line = skip;
  counts.resume_line = skip;
  await progress.update({
    status: 'running',
    force: true,
    message: skip > 0 ? `importing ${path.basename(file)} from line ${skip + 1}` : `importing ${path.basename(file)}`,
  });
  const sends = new ImportSends({
    push: options.push!,
    sourceId,
    counts,
    maxInFlightBatches: options.maxInFlightBatches,
    signal,
    onAck: () => void progress.update(),
  });
  let batch: PushItem[] = [];
  let bytes = 0;
  let lineNumber = 0;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (signal.aborted || sends.failure) break;
      bytes += Buffer.byteLength(line) + 1;
      lineNumber += 1;
      if (line.trim() === '') continue;
      counts.lines += 1;
      if (lineNumber <= skip) continue;
      const item = parseImportLine(line, options.validateItem);
      if (typeof item === 'string') {
        counts.invalid += 1;
        if (progress.errors.length < 100)
          progress.errors.push({
            code: 'invalid_line',
            message: item,
            subject: `line ${counts.lines}`,
            occurred_at_ms: Date.now(),
          });
        continue;
      }
      batch.push(item);
      if (batch.length >= options.batchSize) {
        counts.bytes_read = Math.min(bytes, counts.bytes_total);
        const full = batch;
        batch = [];
        await sends.send(full, lineNumber);
        void progress.update({
          message: `${Math.round((100 * counts.bytes_read) / Math.max(1, counts.bytes_total))}% read`,
        });
      }
    }
    if (!signal.aborted) {
      counts.bytes_read = counts.bytes_total;
      await sends.send(batch, lineNumber);
    }
    await sends.settle(options.cancelAckWaitMs);
  } finally {
    lines.close();
  }
  if (sends.failure) throw sends.failure;
}
