// Downloads a model folder from the Hugging Face hub (or anything that serves files the way it does):
// the revision is pinned to a commit first, every file is verified against the hub's checksum (sha256 of
// LFS files from X-Linked-Etag / ETag, the git blob sha1 of small files), interrupted downloads resume
// with Range requests, and progress is reported per chunk.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

/**
 * What a Sluice model folder needs; other repository files are not downloaded unless asked for: the
 * tokenizer and config files, sentence-transformers' pooling (modules.json, 1_Pooling/config.json), and the
 * fp32, fp16 and int8-quantized graphs with their external data (model.onnx_data, for models over 2 GB).
 */
export const DEFAULT_MODEL_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'sluice.json',
  'modules.json',
  '1_Pooling/config.json',
  'onnx/model.onnx',
  'onnx/model.onnx_data',
  'onnx/model_fp16.onnx',
  'onnx/model_fp16.onnx_data',
  'onnx/model_quantized.onnx',
] as const;
/** Graphs in the onnx/ folder; without any, a graph at the repository root (Optimum's plain export) is fetched. */
const ONNX_FOLDER_GRAPHS: readonly string[] = ['onnx/model.onnx', 'onnx/model_fp16.onnx', 'onnx/model_quantized.onnx'];
const ROOT_GRAPH_FILES = ['model.onnx', 'model.onnx_data'] as const;
export const SOURCE_FILE = 'sluice-source.json';

export interface PullProgress {
  file: string;
  /** Bytes of this file on disk so far (including a resumed part). */
  receivedBytes: number;
  /** Size of this file, when the hub told it. */
  totalBytes?: number;
  /** Files completed so far and in all. */
  filesDone: number;
  filesTotal: number;
}

export interface PullModelOptions {
  /** "owner/name", e.g. "sentence-transformers/all-MiniLM-L6-v2". */
  repo: string;
  /** Branch, tag or commit (default "main"); pinned to its commit before any file is fetched. */
  revision?: string;
  /** The model folder to create, e.g. <repo>/.models/all-MiniLM-L6-v2. */
  dir: string;
  /** Hub base URL (default https://huggingface.co, or $HF_ENDPOINT). */
  endpoint?: string;
  /** Hub access token for private or gated repositories (default $HF_TOKEN). */
  token?: string;
  /** Repository paths to fetch (default: DEFAULT_MODEL_FILES that the repository has). */
  files?: readonly string[];
  onProgress?: (progress: PullProgress) => void;
  /** Per-request timeout (default 60 s without data). */
  timeoutMs?: number;
}

export interface PullResult {
  repo: string;
  revision: string;
  commit: string;
  dir: string;
  files: Array<{ path: string; size: number; checksum: string; skipped: boolean }>;
}

interface SourceRecord {
  repo: string;
  revision: string;
  commit: string;
  files: Record<string, { size: number; checksum: string }>;
}

export class PullError extends Error {
  override readonly name = 'PullError';
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function cleanEtag(value: string | null): string | undefined {
  if (!value) return undefined;
  return value.replace(/^W\//, '').replace(/"/g, '').trim() || undefined;
}

/** The expected checksum from the hub's headers: sha256 (64 hex) for LFS files, git blob sha1 (40 hex) otherwise. */
function checksumKind(etag: string): 'sha256' | 'git-sha1' | undefined {
  if (/^[0-9a-f]{64}$/.test(etag)) return 'sha256';
  if (/^[0-9a-f]{40}$/.test(etag)) return 'git-sha1';
  return undefined;
}

/** A response with its idle timer: reset on every chunk, so only a stalled transfer times out (not a long one). */
interface HubResponse {
  response: Response;
  idle: { reset(): void; clear(): void };
}

async function hubFetch(
  url: string,
  options: { token?: string; headers?: Record<string, string>; redirect?: 'follow' | 'manual'; timeoutMs: number },
): Promise<HubResponse> {
  const headers: Record<string, string> = { 'user-agent': 'sluice-models', ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const controller = new AbortController();
  const arm = () =>
    setTimeout(
      () => controller.abort(new PullError(`no data from ${url} for ${options.timeoutMs} ms`)),
      options.timeoutMs,
    ).unref();
  let timer = arm();
  const idle: HubResponse['idle'] = {
    reset() {
      clearTimeout(timer);
      timer = arm();
    },
    clear: () => clearTimeout(timer),
  };
  try {
    return {
      response: await fetch(url, { headers, redirect: options.redirect ?? 'follow', signal: controller.signal }),
      idle,
    };
  } catch (error) {
    idle.clear();
    throw error;
  }
}

async function cancel(hub: HubResponse): Promise<void> {
  hub.idle.clear();
  await hub.response.body?.cancel();
}

async function resolveCommit(
  endpoint: string,
  repo: string,
  revision: string,
  token: string | undefined,
  timeoutMs: number,
): Promise<{ commit: string; siblings: string[] }> {
  const url = `${endpoint}/api/models/${repo}/revision/${encodeURIComponent(revision)}`;
  const { response, idle } = await hubFetch(url, { token, timeoutMs });
  if (response.status === 401 || response.status === 403)
    throw new PullError(`${repo}: access denied (${response.status}); set HF_TOKEN for gated or private models`);
  if (response.status === 404) throw new PullError(`${repo}@${revision}: repository or revision not found`);
  if (!response.ok) throw new PullError(`${repo}@${revision}: the hub answered ${response.status} for ${url}`);
  const info = (await response.json()) as { sha?: string; siblings?: Array<{ rfilename: string }> };
  idle.clear();
  if (!info.sha) throw new PullError(`${repo}@${revision}: the hub did not name the commit`);
  return { commit: info.sha, siblings: (info.siblings ?? []).map((s) => s.rfilename) };
}

async function hashFile(file: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

/**
 * Downloads `repo` at `revision` into `dir` in the Hugging Face layout.
 *
 * @example
 * await pullModel({ repo: 'sentence-transformers/all-MiniLM-L6-v2', dir: '.models/all-MiniLM-L6-v2', onProgress: (p) => console.log(p.file, p.receivedBytes) });
 */
export async function pullModel(options: PullModelOptions): Promise<PullResult> {
  const endpoint = (options.endpoint ?? process.env.HF_ENDPOINT ?? DEFAULT_HUB_ENDPOINT).replace(/\/+$/, '');
  const revision = options.revision ?? 'main';
  const token = options.token ?? process.env.HF_TOKEN;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dir = path.resolve(options.dir);
  if (!/^[\w.-]+\/[\w.-]+$/.test(options.repo))
    throw new PullError(`"${options.repo}" is not a repository name like owner/name`);
  const { commit, siblings } = await resolveCommit(endpoint, options.repo, revision, token, timeoutMs);
  const wanted: string[] = options.files ? [...options.files] : DEFAULT_MODEL_FILES.filter((f) => siblings.includes(f));
  if (!options.files && !wanted.some((f) => ONNX_FOLDER_GRAPHS.includes(f))) {
    if (!siblings.includes('model.onnx')) {
      throw new PullError(
        `${options.repo}@${revision} has no onnx/model.onnx: export it to ONNX first (see docs/models.md, "Exporting a model"), or pick a repository that ships one`,
      );
    }
    wanted.push(...ROOT_GRAPH_FILES.filter((f) => siblings.includes(f)));
  }
  await mkdir(dir, { recursive: true });
  const sourceFile = path.join(dir, SOURCE_FILE);
  const previous: SourceRecord | undefined = existsSync(sourceFile)
    ? (JSON.parse(await readFile(sourceFile, 'utf8')) as SourceRecord)
    : undefined;
  const record: SourceRecord = { repo: options.repo, revision, commit, files: {} };
  const result: PullResult = { repo: options.repo, revision, commit, dir, files: [] };
  let filesDone = 0;
  for (const file of wanted) {
    const target = path.join(dir, ...file.split('/'));
    const known = previous?.commit === commit ? previous.files[file] : undefined;
    if (known && existsSync(target) && (await stat(target)).size === known.size) {
      record.files[file] = known;
      result.files.push({ path: file, ...known, skipped: true });
      filesDone += 1;
      options.onProgress?.({
        file,
        receivedBytes: known.size,
        totalBytes: known.size,
        filesDone,
        filesTotal: wanted.length,
      });
      continue;
    }
    const { size, checksum } = await downloadFile({
      endpoint,
      repo: options.repo,
      commit,
      file,
      target,
      token,
      timeoutMs,
      progress: (receivedBytes, totalBytes) =>
        options.onProgress?.({ file, receivedBytes, totalBytes, filesDone, filesTotal: wanted.length }),
    });
    record.files[file] = { size, checksum };
    result.files.push({ path: file, size, checksum, skipped: false });
    filesDone += 1;
    options.onProgress?.({ file, receivedBytes: size, totalBytes: size, filesDone, filesTotal: wanted.length });
  }
  await writeFile(sourceFile, `${JSON.stringify(record, null, 2)}\n`);
  return result;
}

async function downloadFile(args: {
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
  const hash = createHash(kind === 'sha256' ? 'sha256' : 'sha1');
  let gitPrefixPending = kind === 'git-sha1';
  const handle = await open(part, offset > 0 ? 'a' : 'w');
  let received = offset;
  try {
    if (offset > 0 && !gitPrefixPending) await hashFile(part, hash);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
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
