// An uploaded JSONL file is written to disk as it arrives (never buffered whole in memory), within the
// configured size; the import job then reads it like any other file.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../errors.js';

export function uploadTooLarge(limitBytes: number): ApiError {
  return new ApiError('payload_too_large', `uploads are limited to ${limitBytes} bytes (gateway.upload_max_bytes)`);
}

/** Writes `body` to a new file in `directory`; past `limitBytes` the upload is refused and the file removed. */
export async function spoolUpload(
  body: Readable,
  directory: string,
  limitBytes: number,
): Promise<{ file: string; bytes: number }> {
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${randomUUID()}.jsonl`);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limitBytes) callback(uploadTooLarge(limitBytes));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(file));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return { file, bytes };
}
