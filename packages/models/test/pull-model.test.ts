// pullModel against a local HTTP server that serves a repository the way the Hugging Face hub does:
// /api/models/<repo>/revision/<rev> names the commit; /<repo>/resolve/<commit>/<path> serves small files
// with a git blob ETag and redirects LFS files to a "CDN" with X-Linked-Etag (sha256) and X-Linked-Size.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullError, SOURCE_FILE, pullModel, type PullProgress } from '../src/index.js';

const COMMIT = 'a'.repeat(40);
const files: Record<string, Buffer> = {
  'config.json': Buffer.from(JSON.stringify({ architectures: ['BertModel'], hidden_size: 8 })),
  'tokenizer.json': Buffer.from(JSON.stringify({ model: { type: 'WordLevel', vocab: { '[PAD]': 0, '[UNK]': 1 } } })),
  'onnx/model.onnx': randomBytes(300_000),
  'README.md': Buffer.from('# not downloaded'),
};
const lfs = new Set(['onnx/model.onnx']);
const gitBlobSha1 = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let server: Server;
let endpoint: string;
const seen: Array<{ url: string; range?: string; auth?: string }> = [];
let cutNextCdnAfter: number | undefined;
let corruptNextCdn = false;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url!, 'http://hub');
  seen.push({ url: url.pathname, range: req.headers.range, auth: req.headers.authorization });
  const api = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(url.pathname);
  if (api) {
    if (api[1] !== 'acme/tiny-encoder') return void res.writeHead(404).end('{"error":"Repository not found"}');
    if (!['main', 'v1', COMMIT].includes(decodeURIComponent(api[2]!)))
      return void res.writeHead(404).end('{"error":"Revision not found"}');
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(
        JSON.stringify({ id: api[1], sha: COMMIT, siblings: Object.keys(files).map((rfilename) => ({ rfilename })) }),
      );
    return;
  }
  const resolve = /^\/acme\/tiny-encoder\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
  if (resolve) {
    const file = decodeURIComponent(resolve[2]!);
    const body = files[file];
    if (resolve[1] !== COMMIT || !body) return void res.writeHead(404).end('Entry not found');
    if (lfs.has(file)) {
      res
        .writeHead(302, {
          location: `/cdn/${file}`,
          'x-linked-etag': `"${sha256(body)}"`,
          'x-linked-size': String(body.length),
          etag: `"${gitBlobSha1(Buffer.from('pointer'))}"`,
          'x-repo-commit': COMMIT,
        })
        .end();
      return;
    }
    res
      .writeHead(200, { etag: `"${gitBlobSha1(body)}"`, 'content-length': body.length, 'x-repo-commit': COMMIT })
      .end(body);
    return;
  }
  const cdn = /^\/cdn\/(.+)$/.exec(url.pathname);
  if (cdn) {
    let body = files[cdn[1]!]!;
    if (corruptNextCdn) {
      corruptNextCdn = false;
      body = Buffer.from(body);
      body[body.length - 1]! ^= 0xff;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const chunk = body.subarray(start);
    res.writeHead(range ? 206 : 200, {
      'content-length': chunk.length,
      ...(range ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    if (cutNextCdnAfter !== undefined) {
      const cut = cutNextCdnAfter;
      cutNextCdnAfter = undefined;
      res.write(chunk.subarray(0, cut), () => setTimeout(() => res.destroy(), 20));
      return;
    }
    res.end(chunk);
    return;
  }
  res.writeHead(404).end();
}

const dirs: string[] = [];
beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-pull-'));
  dirs.push(dir);
  return path.join(dir, 'tiny-encoder');
}

describe('pullModel', () => {
  it('downloads the model files of a pinned revision, verifies them and records the source', async () => {
    const dir = await tempDir();
    const progress: PullProgress[] = [];
    seen.length = 0;
    const result = await pullModel({
      repo: 'acme/tiny-encoder',
      revision: 'v1',
      dir,
      endpoint,
      token: 'secret',
      onProgress: (p) => progress.push(p),
    });
    expect(result.commit).toBe(COMMIT);
    expect(result.files.map((f) => f.path).sort()).toEqual(['config.json', 'onnx/model.onnx', 'tokenizer.json']);
    for (const file of ['config.json', 'tokenizer.json', 'onnx/model.onnx'])
      expect(readFileSync(path.join(dir, file))).toEqual(files[file]);
    expect(existsSync(path.join(dir, 'README.md'))).toBe(false);
    // Every file came from the commit the revision named.
    expect(seen.filter((s) => s.url.includes('/resolve/')).every((s) => s.url.includes(`/resolve/${COMMIT}/`))).toBe(
      true,
    );
    expect(seen.find((s) => s.url.startsWith('/api/'))!.auth).toBe('Bearer secret');
    const source = JSON.parse(readFileSync(path.join(dir, SOURCE_FILE), 'utf8'));
    expect(source).toMatchObject({ repo: 'acme/tiny-encoder', revision: 'v1', commit: COMMIT });
    expect(source.files['onnx/model.onnx'].checksum).toBe(`sha256:${sha256(files['onnx/model.onnx']!)}`);
    const last = progress.filter((p) => p.file === 'onnx/model.onnx').at(-1)!;
    expect(last).toMatchObject({ receivedBytes: 300_000, totalBytes: 300_000 });
    expect(progress.at(-1)!.filesDone).toBe(3);

    // A second pull of the same commit downloads nothing.
    seen.length = 0;
    const again = await pullModel({ repo: 'acme/tiny-encoder', revision: 'main', dir, endpoint });
    expect(again.files.every((f) => f.skipped)).toBe(true);
    expect(seen.filter((s) => s.url.startsWith('/cdn/'))).toHaveLength(0);
  });

  it('resumes an interrupted download with a Range request', async () => {
    const dir = await tempDir();
    cutNextCdnAfter = 120_000;
    await expect(pullModel({ repo: 'acme/tiny-encoder', dir, endpoint })).rejects.toThrow();
    expect(existsSync(path.join(dir, 'onnx', 'model.onnx.part'))).toBe(true);
    seen.length = 0;
    await pullModel({ repo: 'acme/tiny-encoder', dir, endpoint });
    const resumed = seen.find((s) => s.url === '/cdn/onnx/model.onnx')!;
    expect(resumed.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(resumed.range!)![0])).toBeGreaterThan(0);
    expect(readFileSync(path.join(dir, 'onnx', 'model.onnx'))).toEqual(files['onnx/model.onnx']);
    expect(existsSync(path.join(dir, 'onnx', 'model.onnx.part'))).toBe(false);
  });

  it('rejects a file whose checksum does not match, and unknown repositories or revisions', async () => {
    const dir = await tempDir();
    corruptNextCdn = true;
    await expect(pullModel({ repo: 'acme/tiny-encoder', dir, endpoint })).rejects.toThrow(/checksum mismatch/);
    expect(existsSync(path.join(dir, 'onnx', 'model.onnx'))).toBe(false);
    expect(existsSync(path.join(dir, 'onnx', 'model.onnx.part'))).toBe(false);
    await expect(pullModel({ repo: 'acme/missing', dir, endpoint })).rejects.toBeInstanceOf(PullError);
    await expect(pullModel({ repo: 'acme/tiny-encoder', revision: 'nope', dir, endpoint })).rejects.toThrow(
      /not found/,
    );
  });
});
