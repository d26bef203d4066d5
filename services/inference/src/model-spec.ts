// Reads a model folder in the Hugging Face / Optimum / sentence-transformers layout (config.json,
// tokenizer.json, onnx/model.onnx and its fp16 / quantized variants, modules.json + 1_Pooling/config.json,
// optional sluice.json) into what the service needs to run it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SluiceModelConfig } from '@sluice/models';
import { findVariants, type Variant } from './model-variant.js';

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
  /** The graphs the folder has, by precision (see model-variant.ts). */
  variants: Partial<Record<Variant, string>>;
  /** Keep the last token when truncating (it is a special token such as [SEP]). */
  keepLastToken: boolean;
  padId: number;
}

function readJson(file: string): Record<string, unknown> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

/**
 * Pooling and normalization from a sentence-transformers folder: modules.json lists the modules in order;
 * its Pooling module's config.json says CLS or mean (max and sqrt-length pooling are not supported), and a
 * Normalize module means L2-normalized embeddings.
 */
function sentenceTransformersPooling(folder: string, name: string): { pooling?: 'mean' | 'cls'; normalize?: boolean } {
  const modulesFile = path.join(folder, 'modules.json');
  if (!existsSync(modulesFile)) return {};
  const modules = JSON.parse(readFileSync(modulesFile, 'utf8')) as Array<{ path?: string; type?: string }>;
  // Without a Normalize module Sluice still normalizes by default: its similarity search assumes unit vectors.
  const normalize = modules.some((m) => m.type?.endsWith('.Normalize')) ? true : undefined;
  const poolingModule = modules.find((m) => m.type?.endsWith('.Pooling'));
  if (!poolingModule) return { normalize };
  const config = readJson(path.join(folder, poolingModule.path ?? '1_Pooling', 'config.json'));
  if (config.pooling_mode_cls_token === true) return { pooling: 'cls', normalize };
  if (config.pooling_mode_mean_tokens === true) return { pooling: 'mean', normalize };
  const modes = Object.keys(config).filter((k) => k.startsWith('pooling_mode_') && config[k] === true);
  throw new Error(
    `model ${name}: ${poolingModule.path ?? '1_Pooling'}/config.json asks for ${modes.join(', ') || 'no pooling mode'}; supported are pooling_mode_mean_tokens and pooling_mode_cls_token (or set "pooling" in sluice.json)`,
  );
}

export function readModelSpec(folder: string, name = path.basename(folder)): ModelSpec {
  const variants = findVariants(folder);
  if (Object.keys(variants).length === 0)
    throw new Error(
      `model ${name}: ${path.join(folder, 'onnx', 'model.onnx')} is missing (nor is there a model_fp16.onnx or model_quantized.onnx)`,
    );
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
  const isClassifier = sluice.task
    ? sluice.task !== 'embedding'
    : architectures.some((a) => a.endsWith('ForSequenceClassification'));
  const task = sluice.task ?? (isClassifier ? 'sequence-classification' : 'embedding');
  const labels = sluice.labels ?? labelsFromConfig;
  if (isClassifier && labels.length === 0)
    throw new Error(`model ${name}: a classifier needs labels (sluice.json labels or config.json id2label)`);
  const sentenceTransformers = sentenceTransformersPooling(folder, name);
  const maxLength =
    sluice.max_length ?? Number(tokenizerConfig.model_max_length ?? config.max_position_embeddings ?? 512);
  const vocab = ((tokenizer.model as Record<string, unknown> | undefined)?.vocab ?? {}) as Record<string, number>;
  const padToken = String(tokenizerConfig.pad_token ?? '[PAD]');
  return {
    name,
    folder,
    task,
    kind: isClassifier ? 'classifier' : 'embedding',
    pooling: sluice.pooling ?? sentenceTransformers.pooling ?? 'mean',
    normalize: sluice.normalize ?? sentenceTransformers.normalize ?? !isClassifier,
    labels,
    activation: sluice.activation ?? (config.problem_type === 'multi_label_classification' ? 'sigmoid' : 'softmax'),
    maxLength: Math.min(maxLength > 100_000 ? 512 : maxLength, 8192),
    output: sluice.output,
    variants,
    keepLastToken: tokenizer.post_processor !== null && tokenizer.post_processor !== undefined,
    padId: typeof vocab[padToken] === 'number' ? vocab[padToken]! : 0,
  };
}
