// Which graph of a model folder runs on which provider. Exports ship onnx/model.onnx (fp32) and often
// onnx/model_fp16.onnx and onnx/model_quantized.onnx (int8 dynamic quantization); Optimum's plain export puts
// model.onnx at the folder root.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const PRECISIONS = ['auto', 'fp32', 'fp16', 'int8'] as const;
export type Precision = (typeof PRECISIONS)[number];
export type Variant = Exclude<Precision, 'auto'>;

export const VARIANT_FILES: Record<Variant, string> = {
  fp32: 'model.onnx',
  fp16: 'model_fp16.onnx',
  int8: 'model_quantized.onnx',
};

/** The graphs a folder has, by precision (onnx/ first, then the folder root). */
export function findVariants(folder: string): Partial<Record<Variant, string>> {
  const found: Partial<Record<Variant, string>> = {};
  for (const [variant, file] of Object.entries(VARIANT_FILES) as Array<[Variant, string]>) {
    const candidate = [path.join(folder, 'onnx', file), path.join(folder, file)].find((f) => existsSync(f));
    if (candidate) found[variant] = candidate;
  }
  return found;
}

/**
 * The variants to use, best first. `auto`: on the CPU fp32 (int8 outputs shift with batch composition, so it
 * is used only when a folder has nothing else), on GPU providers fp16 (half the memory traffic, tensor cores).
 * A configured precision means exactly that graph.
 */
export function variantPreference(provider: string, precision: Precision): Variant[] {
  if (precision !== 'auto') return [precision];
  return provider === 'cpu' ? ['fp32', 'int8', 'fp16'] : ['fp16', 'fp32', 'int8'];
}

export function chooseVariant(
  variants: Partial<Record<Variant, string>>,
  provider: string,
  precision: Precision,
): { precision: Variant; file: string } | { error: string } {
  for (const variant of variantPreference(provider, precision)) {
    const file = variants[variant];
    if (file) return { precision: variant, file };
  }
  if (precision !== 'auto') {
    return {
      error: `inference.precision is ${precision} but the folder has no onnx/${VARIANT_FILES[precision]}: add that file (pull a repository that ships it) or set inference.precision to auto`,
    };
  }
  return { error: `the folder has no ONNX graph (onnx/model.onnx, onnx/model_fp16.onnx or onnx/model_quantized.onnx)` };
}
