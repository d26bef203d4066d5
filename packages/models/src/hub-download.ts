// One file of a model repository, downloaded and verified: the hub's checksum (sha256 of LFS files from
// X-Linked-Etag / ETag, the git blob sha1 of small files) is checked before the file takes its name, and an
// interrupted download resumes from its .part file with a Range request.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ReadableStream } from 'node:stream/web';
import { PullError, cancel, checksumKind, cleanEtag, encodePath, hubFetch } from './hub-fetch.js';

async function hashFile(file: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

export async function downloadFile(args: {
  endpoint: string;
  repo: string;
  commit: string;
  file: string;
  target: string;
  token?: string;
  timeoutMs: number;
  progress: (received: number, total?: number) => void;
}): Promise<{ size: number; checksum: string }> {
  const url = `${args.endpoint}/${args.repo}/resolve/${args.commit}/${encodePath(args.file)}`;
  // First request without following redirects: the hub puts the LFS checksum and size on the redirect.
  let hub = await hubFetch(url, {
    token: args.token,
    redirect: 'manual',
    timeoutMs: args.timeoutMs,
    headers: { 'accept-encoding': 'identity' },
  });
  let response = hub.response;
  let etag = cleanEtag(response.headers.get('x-linked-etag')) ?? cleanEtag(response.headers.get('etag'));
  const linkedSize = response.headers.get('x-linked-size');
  let location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
  if (response.status === 404) throw new PullError(`${args.repo}: ${args.file} not found at ${args.commit}`);
  if (!location && !response.ok) throw new PullError(`${args.repo}: ${args.file}: the hub answered ${response.status}`);
  if (location) location = new URL(location, url).href;
  if (!etag) {
    await cancel(hub);
    throw new PullError(`${args.repo}: ${args.file}: the hub sent no checksum (ETag), refusing an unverifiable file`);
  }
  const kind = checksumKind(etag);
  if (!kind) {
    await cancel(hub);
    throw new PullError(`${args.repo}: ${args.file}: unrecognized checksum "${etag}"`);
  }

  const part = `${args.target}.part`;
  await mkdir(path.dirname(args.target), { recursive: true });
  let offset = existsSync(part) ? (await stat(part)).size : 0;
  const source = location ?? url;
  // Tokens go to the hub only, not to a CDN on another host.
  const sameHost = new URL(source).host === new URL(url).host;
  const fetchSource = (headers: Record<string, string>) =>
    hubFetch(source, {
      token: sameHost ? args.token : undefined,
      headers: { 'accept-encoding': 'identity', ...headers },
      timeoutMs: args.timeoutMs,
    });
  if (location || offset > 0) {
    // A redirect (LFS) or a resumed part: (re)request the content, with a Range for what is already here.
    await cancel(hub);
    hub = await fetchSource(offset > 0 ? { range: `bytes=${offset}-`, 'if-range': `"${etag}"` } : {});
    response = hub.response;
    if (response.status === 416) {
      // The part is already complete (or longer than the file): start over.
      await cancel(hub);
      await rm(part, { force: true });
      offset = 0;
      hub = await fetchSource({});
      response = hub.response;
    }
  }
  if (!response.ok) throw new PullError(`${args.repo}: ${args.file}: download answered ${response.status}`);
  if (offset > 0 && response.status !== 206) offset = 0;
  const total =
    Number(linkedSize ?? 0) ||
    (response.headers.get('content-length') ? offset + Number(response.headers.get('content-length')) : undefined);
  const body: ReadableStream<Uint8Array> | null = response.body;
  if (!body) throw new PullError(`${args.repo}: ${args.file}: download answered ${response.status} without a body`);
  const hash = createHash(kind === 'sha256' ? 'sha256' : 'sha1');
  let gitPrefixPending = kind === 'git-sha1';
  const handle = await open(part, offset > 0 ? 'a' : 'w');
  let received = offset;
  try {
    if (offset > 0 && !gitPrefixPending) await hashFile(part, hash);
    for await (const chunk of body) {
      await handle.write(chunk);
      if (!gitPrefixPending) hash.update(chunk);
      hub.idle.reset();
      received += chunk.byteLength;
      args.progress(received, total);
    }
  } finally {
    hub.idle.clear();
    await handle.close();
  }
  if (gitPrefixPending) {
    // A git blob id hashes "blob <size>\0" before the content, so it needs the final size.
    hash.update(`blob ${received}\0`);
    await hashFile(part, hash);
    gitPrefixPending = false;
  }
  const actual = hash.digest('hex');
  if (actual !== etag) {
    await rm(part, { force: true });
    throw new PullError(
      `${args.repo}: ${args.file}: checksum mismatch (expected ${etag}, got ${actual}); the partial file was removed, pull again`,
    );
  }
  await rename(part, args.target);
  return { size: received, checksum: `${kind}:${etag}` };
}
