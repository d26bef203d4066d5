// A local HTTP server that serves model repositories the way the Hugging Face hub does, for pullModel:
// /api/models/<repo>/revision/<rev> names the commit and lists the files; /<repo>/resolve/<commit>/<path>
// serves small files with a git blob ETag and redirects large ones (LFS: *.onnx, *.onnx_data) to a "CDN"
// path with X-Linked-Etag (sha256) and X-Linked-Size.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeHub {
  endpoint: string;
  /** Request paths seen so far. */
  requests: string[];
  close(): Promise<void>;
}

const isLfs = (file: string) => /\.onnx(_data)?$/.test(file);
const gitBlobSha1 = (b: Uint8Array) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function startFakeHub(repos: ReadonlyMap<string, ReadonlyMap<string, Uint8Array>>): Promise<FakeHub> {
  const commits = new Map([...repos.keys()].map((repo) => [repo, createHash('sha1').update(repo).digest('hex')]));
  const requests: string[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url!, 'http://hub');
    const pathname = decodeURIComponent(url.pathname);
    requests.push(pathname);
    const api = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(pathname);
    if (api) {
      const files = repos.get(api[1]!);
      if (!files) return void res.writeHead(404).end('{"error":"Repository not found"}');
      const sha = commits.get(api[1]!)!;
      if (api[2] !== 'main' && api[2] !== sha) return void res.writeHead(404).end('{"error":"Revision not found"}');
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: api[1], sha, siblings: [...files.keys()].map((rfilename) => ({ rfilename })) }));
      return;
    }
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(pathname);
    if (resolve) {
      const [, repo, commit, file] = resolve as unknown as [string, string, string, string];
      const body = repos.get(repo)?.get(file);
      if (!body || commits.get(repo) !== commit) return void res.writeHead(404).end('Entry not found');
      if (isLfs(file)) {
        res
          .writeHead(302, {
            location: `/cdn/${repo}/${file}`,
            'x-linked-etag': `"${sha256(body)}"`,
            'x-linked-size': String(body.length),
            'x-repo-commit': commit,
          })
          .end();
        return;
      }
      res
        .writeHead(200, { etag: `"${gitBlobSha1(body)}"`, 'content-length': body.length, 'x-repo-commit': commit })
        .end(body);
      return;
    }
    const cdn = /^\/cdn\/([^/]+\/[^/]+)\/(.+)$/.exec(pathname);
    const body = cdn ? repos.get(cdn[1]!)?.get(cdn[2]!) : undefined;
    if (body) return void res.writeHead(200, { 'content-length': body.length }).end(body);
    res.writeHead(404).end();
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
