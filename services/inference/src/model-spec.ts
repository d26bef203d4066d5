// Reads a model folder in the Hugging Face / Optimum layout (config.json, tokenizer.json, onnx/model.onnx,
// optional onnx/model_fp16.onnx and sluice.json) into what the service needs to run it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SluiceModelConfig } from '@sluice/models';

export interface ModelSpec {
  name: string;
  folder: string;
  /** "embedding" or a classification task name. */
  task: string;
  kind: 'embedding' | 'classifier';
  pooling: 'mean' | 'cls' | 'none';
  normalize: boolean;
  labels: string[];
  activation: 'softmax' | 'sigmoid' | 'none';
  maxLength: number;
  /** Graph output to read; undefined: the first output. */
  output?: string;
  onnxFile: string;
  fp16File?: string;
  /** Keep the last token when truncating (it is a special token such as [SEP]). */
  keepLastToken: boolean;
  padId: number;
}

function readJson(file: string): Record<string, unknown> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

export function readModelSpec(folder: string, name = path.basename(folder)): ModelSpec {
  const onnxFile = path.join(folder, 'onnx', 'model.onnx');
  if (!existsSync(onnxFile)) throw new Error(`model ${name}: ${onnxFile} is missing`);
  if (!existsSync(path.join(folder, 'tokenizer.json'))) throw new Error(`model ${name}: tokenizer.json is missing`);
  const config = readJson(path.join(folder, 'config.json'));
  const sluice = readJson(path.join(folder, 'sluice.json')) as Partial<SluiceModelConfig>;
  const tokenizer = readJson(path.join(folder, 'tokenizer.json'));
  const tokenizerConfig = readJson(path.join(folder, 'tokenizer_config.json'));
  const id2label = (config.id2label ?? {}) as Record<string, string>;
  const labelsFromConfig = Object.keys(id2label)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => id2label[k]!);
  const architectures = (config.architectures ?? []) as string[];
  const isClassifier = sluice.task ? sluice.task !== 'embedding' : architectures.some((a) => a.endsWith('ForSequenceClassification'));
  const task = sluice.task ?? (isClassifier ? 'sequence-classification' : 'embedding');
  const labels = sluice.labels ?? labelsFromConfig;
  if (isClassifier && labels.length === 0) throw new Error(`model ${name}: a classifier needs labels (sluice.json labels or config.json id2label)`);
  const fp16 = path.join(folder, 'onnx', 'model_fp16.onnx');
  const maxLength = sluice.max_length ?? Number(tokenizerConfig.model_max_length ?? config.max_position_embeddings ?? 512);
  const vocab = ((tokenizer.model as Record<string, unknown> | undefined)?.vocab ?? {}) as Record<string, number>;
  const padToken = String(tokenizerConfig.pad_token ?? '[PAD]');
  return {
    name,
    folder,
    task,
    kind: isClassifier ? 'classifier' : 'embedding',
    pooling: sluice.pooling ?? 'mean',
    normalize: sluice.normalize ?? !isClassifier,
    labels,
    activation: sluice.activation ?? (config.problem_type === 'multi_label_classification' ? 'sigmoid' : 'softmax'),
    maxLength: Math.min(maxLength > 100_000 ? 512 : maxLength, 8192),
    output: sluice.output,
    onnxFile,
    fp16File: existsSync(fp16) ? fp16 : undefined,
    keepLastToken: tokenizer.post_processor !== null && tokenizer.post_processor !== undefined,
    padId: typeof vocab[padToken] === 'number' ? vocab[padToken]! : 0,
  };
}
