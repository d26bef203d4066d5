// Which files pullModel fetches from repositories laid out as real exports are: the sentence-transformers
// and Optimum files the service reads (pooling config, fp16 / int8 variants, external data), a graph at the
// repository root when there is no onnx/ folder, and nothing else.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHub, type FakeHub } from '../../../test/support/fake-hub.js';
import { PullError, exportLayout, pullModel } from '../src/index.js';

let hub: FakeHub;
let dir: string;
const bytes = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  const full = exportLayout({ layout: 'bert-mean', variants: true, externalData: true }).files;
  const rootGraph = new Map([
    ['config.json', full.get('config.json')!],
    ['tokenizer.json', full.get('tokenizer.json')!],
    ['model.onnx', full.get('onnx/model.onnx')!],
    ['model.onnx_data', full.get('onnx/model.onnx_data')!],
    ['pytorch_model.bin', bytes('not fetched')],
  ]);
  const noGraph = new Map([
    ['config.json', full.get('config.json')!],
    ['model.safetensors', bytes('weights')],
  ]);
  full.set('pytorch_model.bin', bytes('not fetched'));
  full.set('onnx/model_q4.onnx', bytes('not fetched'));
  hub = await startFakeHub(
    new Map([
      ['acme/full', full],
      ['acme/root-graph', rootGraph],
      ['acme/no-graph', noGraph],
    ]),
  );
  dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-pull-layouts-'));
});
afterAll(async () => {
  await hub?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('pullModel on real export layouts', () => {
  it('fetches the pooling config, every variant and the external data, and no other weights', async () => {
    const result = await pullModel({ repo: 'acme/full', dir: path.join(dir, 'full'), endpoint: hub.endpoint });
    expect(result.files.map((f) => f.path).sort()).toEqual(
      [
        '1_Pooling/config.json',
        'config.json',
        'modules.json',
        'onnx/model.onnx',
        'onnx/model.onnx_data',
        'onnx/model_fp16.onnx',
        'onnx/model_quantized.onnx',
        'special_tokens_map.json',
        'tokenizer.json',
        'tokenizer_config.json',
      ].sort(),
    );
    expect(existsSync(path.join(dir, 'full', 'pytorch_model.bin'))).toBe(false);
  });

  it('fetches a graph at the repository root when there is no onnx/ folder', async () => {
    const result = await pullModel({ repo: 'acme/root-graph', dir: path.join(dir, 'root'), endpoint: hub.endpoint });
    expect(result.files.map((f) => f.path).sort()).toEqual([
      'config.json',
      'model.onnx',
      'model.onnx_data',
      'tokenizer.json',
    ]);
  });

  it('refuses a repository without an ONNX graph, naming the fix', async () => {
    await expect(
      pullModel({ repo: 'acme/no-graph', dir: path.join(dir, 'none'), endpoint: hub.endpoint }),
    ).rejects.toThrow(PullError);
    await expect(
      pullModel({ repo: 'acme/no-graph', dir: path.join(dir, 'none'), endpoint: hub.endpoint }),
    ).rejects.toThrow(/no onnx\/model\.onnx: export it to ONNX first/);
  });
});
