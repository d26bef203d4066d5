// The model folder the peer comparison runs: a BERT sentence encoder in exactly the layout a
// sentence-transformers / Optimum export has (WordPiece tokenizer.json, token_type_ids, last_hidden_state +
// mean pooling), MiniLM-L6-shaped, with generated weights (packages/models/src/layouts/). The same weights go
// to pytorch/weights.bin (+ manifest.json) for the PyTorch side. Its outputs mean nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MINILM_L6, exportLayout, type EncoderShape } from '../../packages/models/src/index.js';

export const PEER_MODEL = 'sluice-bench-minilm-bert';
/** Bump when the folder's contents change. */
const FOLDER_VERSION = '1';

export interface BertFolderOptions {
  modelsDir: string;
  /** Words of the vocabulary: the benchmark texts draw from them, so each is one token on every side. */
  words: readonly string[];
  /** Smoke runs: the small test shape (hidden 32, 2 layers) under another name. */
  small: boolean;
}

export function ensureBertBenchFolder({ modelsDir, words, small }: BertFolderOptions): string {
  const name = small ? `${PEER_MODEL}-small` : PEER_MODEL;
  const folder = path.join(modelsDir, name);
  const stampFile = path.join(folder, '.sluice-bench-build.json');
  const stamp = JSON.stringify({ version: FOLDER_VERSION, words: words.length });
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return name;
  const shape: Omit<EncoderShape, 'vocabulary'> | undefined = small ? undefined : MINILM_L6;
  const { files, weights } = exportLayout({
    layout: 'bert-mean',
    shape,
    words,
    vocabularySize: small ? undefined : MINILM_L6.vocabulary,
    // BERT's initializer range: attention stays unsaturated at MiniLM's width.
    std: 0.02,
  });
  for (const [file, bytes] of files) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), bytes);
  }
  const tensors = [...weights.tensors].map(([tensorName, values]) => ({ tensorName, values }));
  mkdirSync(path.join(folder, 'pytorch'), { recursive: true });
  writeFileSync(
    path.join(folder, 'pytorch', 'manifest.json'),
    JSON.stringify({
      shape: weights.shape,
      tensors: tensors.map(({ tensorName, values }) => ({
        name: tensorName,
        shape: tensorShape(tensorName, values, weights.shape),
      })),
    }),
  );
  writeFileSync(
    path.join(folder, 'pytorch', 'weights.bin'),
    Buffer.concat(tensors.map(({ values }) => Buffer.from(values.buffer, values.byteOffset, values.byteLength))),
  );
  writeFileSync(stampFile, stamp);
  return name;
}

/** Tensor shapes as encoder-model.ts lays them out (row-major; dense weights [in, out]). */
function tensorShape(name: string, values: Float32Array, shape: EncoderShape): number[] {
  const H = shape.hidden;
  if (name === 'embeddings.word') return [shape.vocabulary, H];
  if (name === 'embeddings.position') return [shape.maxPositions, H];
  if (name === 'embeddings.token_type') return [values.length / H, H];
  if (name.endsWith('.bias') || name.endsWith('norm.weight')) return [values.length];
  if (name.endsWith('.intermediate.weight')) return [H, shape.intermediate];
  if (name.endsWith('.output.weight')) return [shape.intermediate, H];
  return [H, H];
}
