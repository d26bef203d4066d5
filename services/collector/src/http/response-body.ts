// A response body as the sources read it: decompressed by its content-encoding, and within a size limit that
// applies after decompression (a small gzip bomb is refused like a large body).
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { SourceFetchError } from './fetch-error.js';

export function decompress(body: Readable, encoding: string | undefined): Readable {
  const value = encoding?.trim().toLowerCase();
  if (!value || value === 'identity') return body;
  const decoder =
    value === 'gzip' || value === 'x-gzip'
      ? zlib.createGunzip()
      : value === 'deflate'
        ? zlib.createInflate()
        : value === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!decoder) return body;
  body.on('error', (error) => decoder.destroy(error));
  return body.pipe(decoder);
}

export async function readLimited(body: Readable, limit: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new SourceFetchError('too_large', `response exceeds max_response_bytes (${limit})`, { url });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
