// A small builder for ONNX graphs (opset 17), so the built-in models are code, reviewed like code, and
// reproducible byte for byte. Only what the built-in models need: tensors, nodes, graph inputs/outputs.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
export const OPSET = 17;

export type ElementType = 'float32' | 'float16' | 'int8' | 'int64';

const DATA_TYPES: Record<ElementType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int8: onnx.TensorProto.DataType.INT8,
  int64: onnx.TensorProto.DataType.INT64,
};

/** A model whose large tensors live in a separate file next to it (ONNX external data, e.g. model.onnx_data). */
export interface ExternalDataModel {
  model: Uint8Array;
  data: Uint8Array;
}

/** A dimension: a number, or a symbolic name such as "batch". */
export type Dim = number | string;

type AttributeValue = number | number[] | string;

function attribute(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (Number.isInteger(value)) return { name, type: AttributeType.INT, i: value };
  return { name, type: AttributeType.FLOAT, f: value };
}

function valueInfo(name: string, type: ElementType, dims: Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DATA_TYPES[type],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export class GraphBuilder {
  readonly #nodes: onnxProto.onnx.INodeProto[] = [];
  readonly #initializers: onnxProto.onnx.ITensorProto[] = [];
  readonly #inputs: onnxProto.onnx.IValueInfoProto[] = [];
  readonly #outputs: onnxProto.onnx.IValueInfoProto[] = [];
  #counter = 0;

  input(name: string, type: ElementType, dims: Dim[]): string {
    this.#inputs.push(valueInfo(name, type, dims));
    return name;
  }

  output(name: string, type: ElementType, dims: Dim[]): void {
    this.#outputs.push(valueInfo(name, type, dims));
  }

  /** A constant tensor stored in the model (raw little-endian bytes). */
  tensor(
    name: string,
    type: ElementType,
    dims: number[],
    data: Float32Array | Int8Array | BigInt64Array | number[],
  ): string {
    let bytes: Uint8Array;
    if (type === 'float32') {
      const array = data instanceof Float32Array ? data : Float32Array.from(data as number[]);
      bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    } else if (type === 'float16') {
      const array = toFloat16Bits(data instanceof Float32Array ? data : Float32Array.from(data as number[]));
      bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    } else if (type === 'int8') {
      const array = data instanceof Int8Array ? data : Int8Array.from(data as number[]);
      bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    } else {
      const array = data instanceof BigInt64Array ? data : BigInt64Array.from((data as number[]).map((v) => BigInt(v)));
      bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    }
    const expected = dims.reduce((a, b) => a * b, 1) * { float32: 4, float16: 2, int8: 1, int64: 8 }[type];
    if (bytes.byteLength !== expected) throw new Error(`tensor ${name}: ${bytes.byteLength} bytes for dims [${dims}]`);
    this.#initializers.push({ name, dataType: DATA_TYPES[type], dims, rawData: bytes });
    return name;
  }

  /** Adds a node; returns the name of its (first) output. */
  node(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, outputName?: string): string {
    const output = outputName ?? `${opType.toLowerCase()}_${this.#counter++}`;
    this.#nodes.push({
      opType,
      input: inputs,
      output: [output],
      name: `${opType}_${this.#nodes.length}`,
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  /** Adds a node with several outputs (e.g. DynamicQuantizeLinear); returns their names. */
  nodeOutputs(
    opType: string,
    inputs: string[],
    count: number,
    attributes: Record<string, AttributeValue> = {},
  ): string[] {
    const outputs = Array.from({ length: count }, (_, i) => `${opType.toLowerCase()}_${this.#counter}_${i}`);
    this.#counter++;
    return this.nodeOutputsNamed(opType, inputs, outputs, attributes);
  }

  /** Adds a node whose outputs get the given names (graph outputs such as TopK's values and indices). */
  nodeOutputsNamed(
    opType: string,
    inputs: string[],
    outputs: string[],
    attributes: Record<string, AttributeValue> = {},
  ): string[] {
    this.#nodes.push({
      opType,
      input: inputs,
      output: outputs,
      name: `${opType}_${this.#nodes.length}`,
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return outputs;
  }

  /** A float scalar or vector constant. */
  constant(values: number[], dims: number[] = [values.length]): string {
    return this.tensor(`const_${this.#counter++}`, 'float32', dims, values);
  }

  /** An int64 constant (axes for ReduceSum / Unsqueeze). */
  ints(values: number[]): string {
    return this.tensor(`ints_${this.#counter++}`, 'int64', [values.length], values);
  }

  encode(graphName: string, docString: string): Uint8Array {
    return onnx.ModelProto.encode(this.#model(graphName, docString)).finish();
  }

  /**
   * The model with every tensor of at least `minBytes` moved to the file `location` (relative to the model
   * file, as exporters write models over 2 GB), each at an offset aligned to 4 KiB like onnx's own writer.
   */
  encodeExternal(graphName: string, docString: string, location: string, minBytes = 1024): ExternalDataModel {
    const model = this.#model(graphName, docString);
    model.graph!.initializer = model.graph!.initializer!.map((tensor) => ({ ...tensor }));
    const chunks: Uint8Array[] = [];
    let offset = 0;
    for (const tensor of model.graph!.initializer!) {
      const raw = tensor.rawData as Uint8Array;
      if (raw.byteLength < minBytes) continue;
      const padding = (4096 - (offset % 4096)) % 4096;
      if (padding > 0) chunks.push(new Uint8Array(padding));
      offset += padding;
      chunks.push(raw);
      tensor.externalData = [
        { key: 'location', value: location },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(raw.byteLength) },
      ];
      tensor.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
      tensor.rawData = undefined;
      offset += raw.byteLength;
    }
    const data = new Uint8Array(offset);
    let at = 0;
    for (const chunk of chunks) {
      data.set(chunk, at);
      at += chunk.byteLength;
    }
    return { model: onnx.ModelProto.encode(model).finish(), data };
  }

  #model(graphName: string, docString: string): onnxProto.onnx.IModelProto {
    return onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'sluice',
      producerVersion: '1',
      docString,
      opsetImport: [{ domain: '', version: OPSET }],
      graph: {
        name: graphName,
        node: this.#nodes,
        initializer: this.#initializers,
        input: this.#inputs,
        output: this.#outputs,
      },
    });
  }
}

/** input_ids and attention_mask (int64 [batch, sequence]), as every Hugging Face text model takes them. */
/**
 * The two text inputs. With `vocabularyMap` (shared-vocabulary id → the model's own id), the ids are translated
 * first by a Gather: the built-in text models share one tokenizer but keep their own tables.
 */
export function textInputs(graph: GraphBuilder, vocabularyMap?: readonly number[]): { ids: string; mask: string } {
  const ids = graph.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const mask = graph.input('attention_mask', 'int64', ['batch_size', 'sequence_length']);
  if (!vocabularyMap) return { ids, mask };
  return {
    ids: graph.node('Gather', [
      graph.tensor('vocabulary_map', 'int64', [vocabularyMap.length], [...vocabularyMap]),
      ids,
    ]),
    mask,
  };
}

/** Masked mean of token vectors [B, L, D] then L2 normalization: the sentence-transformers mean pooling. */
export function maskedMeanNormalize(graph: GraphBuilder, tokens: string, mask: string, outputName: string): string {
  const maskFloat = graph.node('Cast', [mask], { to: DATA_TYPES.float32 });
  const mask3 = graph.node('Unsqueeze', [maskFloat, graph.ints([-1])]);
  const masked = graph.node('Mul', [tokens, mask3]);
  const sum = graph.node('ReduceSum', [masked, graph.ints([1])], { keepdims: 0 });
  const count = graph.node('ReduceSum', [mask3, graph.ints([1])], { keepdims: 0 });
  const mean = graph.node('Div', [sum, graph.node('Max', [count, graph.constant([1], [])])]);
  const norm = graph.node('ReduceL2', [mean], { axes: [1], keepdims: 1 });
  return graph.node('Div', [mean, graph.node('Max', [norm, graph.constant([1e-12], [])])], {}, outputName);
}

export const FLOAT = DATA_TYPES.float32;

/** IEEE 754 half-precision bits of each value (round to nearest even). */
export function toFloat16Bits(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let i = 0; i < values.length; i++) {
    f32[0] = values[i]!;
    const x = u32[0]!;
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) {
      out[i] = sign | 0x7c00 | (mant ? 0x200 : 0);
      continue;
    }
    const e = exp - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00;
      continue;
    }
    if (e <= 0) {
      if (e < -10) {
        out[i] = sign;
        continue;
      }
      mant |= 0x800000;
      const shift = 14 - e;
      let half = mant >>> shift;
      const rest = mant & ((1 << shift) - 1);
      const halfway = 1 << (shift - 1);
      if (rest > halfway || (rest === halfway && half & 1)) half += 1;
      out[i] = sign | half;
      continue;
    }
    let half = (e << 10) | (mant >>> 13);
    const rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half += 1;
    out[i] = sign | half;
  }
  return out;
}
