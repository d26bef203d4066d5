// Downloads a model folder from the Hugging Face hub (or anything that serves files the way it does):
// the revision is pinned to a commit first (hub-fetch.ts), then each wanted file is fetched and verified
// (hub-download.ts) unless the folder already holds it at that commit; progress is reported per chunk.
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { downloadFile } from './hub-download.js';
import { PullError, resolveCommit } from './hub-fetch.js';

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
