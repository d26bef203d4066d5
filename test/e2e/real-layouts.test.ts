// Real model layouts, end to end: test models in exactly the files sentence-transformers, Optimum and the
// Xenova conversions publish (WordPiece and byte-level BPE tokenizer.json, modules.json + 1_Pooling,
// token_type_ids, last_hidden_state / logits, fp16 and int8 variants, external data) are pulled from a local
// fake hub, loaded by the inference service, called over gRPC and through the gateway, and run by the
// pipeline. Outputs are checked against an independent reference: the Rust tokenizers library for token ids
// and a plain-loop forward pass of the same weights (test/support/reference-encoder.ts).
import { Tokenizer as RustTokenizer } from '@anush008/tokenizers';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLayout, pullModel, type ExportLayout, type ExportedLayout } from '@sluice/models';
import { call, connect, type EmbedResponse__Output, type InferenceClient } from '@sluice/protocol';
import { createTestDatabase, runSources, startStack, type Stack, type TestDatabase } from '@sluice/stack';
import { startFakeHub, type FakeHub } from '../support/fake-hub.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { referenceEmbedding, referenceProbabilities } from '../support/reference-encoder.js';

const API_KEY = 'real-layouts-key-0123456789';
const ITEMS = 12;
const MODELS: Record<string, { layout: ExportLayout; seed: number; variants?: boolean; externalData?: boolean }> = {
  'bert-mean-encoder': { layout: 'bert-mean', seed: 21, variants: true },
  'bert-cls-encoder': { layout: 'bert-cls', seed: 22, externalData: true },
  'bert-classifier': { layout: 'bert-classifier', seed: 23 },
  'roberta-sentiment': { layout: 'roberta-classifier', seed: 24, variants: true },
};
const TEXTS = [
  'The stock market fell sharply as investors worried about inflation.',
  'Café owners LOVED the new phone — an amazing, wonderful product!',
  'the team lost the final',
  "We weren't happy: the service was terrible and the food was awful.",
];

let hub: FakeHub;
let feeds: FeedServer;
let stack: Stack;
let db: TestDatabase;
let client: InferenceClient;
let root: string;
const exported = new Map<string, ExportedLayout>();
const tokenizers = new Map<string, RustTokenizer>();
const folder = (name: string) => path.join(root, 'models', name);

async function referenceIds(model: string, text: string): Promise<number[]> {
  if (!tokenizers.has(model)) {
    const tokenizer = RustTokenizer.fromFile(path.join(folder(model), 'tokenizer.json'));
    // The models' model_max_length: the library truncates the text and then adds the special tokens.
    tokenizer.setTruncation(128);
    tokenizers.set(model, tokenizer);
  }
  return [...(await tokenizers.get(model)!.encode(text)).getIds()];
}

const maxDifference = (a: readonly number[], b: readonly number[]) => {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
};

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sluice-layouts-'));
  const repos = new Map<string, Map<string, Uint8Array>>();
  for (const [name, options] of Object.entries(MODELS)) {
    const layout = exportLayout(options);
    exported.set(name, layout);
    repos.set(`acme/${name}`, layout.files);
  }
  hub = await startFakeHub(repos);
  for (const name of Object.keys(MODELS))
    await pullModel({ repo: `acme/${name}`, dir: folder(name), endpoint: hub.endpoint });
  // What a user adds after pulling a sentiment classifier: the task name the scorer reads (docs/models.md).
  writeFileSync(path.join(folder('roberta-sentiment'), 'sluice.json'), JSON.stringify({ task: 'sentiment' }));

  feeds = await startFeedServer(ITEMS);
  db = await createTestDatabase('sluice_layouts');
  const sources = [
    {
      id: 'feed-0',
      kind: 'feed',
      url: `${feeds.url}/feeds/0.xml`,
      allow_private_network: true,
      rate_limit_per_minute: 6000,
      interval_seconds: 3600,
    },
  ];
  stack = await startStack({
    env: {
      SLUICE_API_KEY: API_KEY,
      DATABASE_URL: db.url,
      SLUICE__LOG__LEVEL: 'warn',
      SLUICE__COLLECTOR__SOURCES: JSON.stringify(sources),
      SLUICE__INFERENCE__EXTRA_MODELS: JSON.stringify(Object.keys(MODELS).map(folder)),
      SLUICE__INFERENCE__EMBEDDING_MODEL: 'bert-mean-encoder',
      SLUICE__INFERENCE__EXTRA_EMBEDDING_MODELS: JSON.stringify(['bert-cls-encoder']),
      SLUICE__INFERENCE__CLASSIFIER_MODELS: JSON.stringify([
        'roberta-sentiment',
        'sluice-topics',
        'sluice-spam',
        'bert-classifier',
      ]),
      SLUICE__INFERENCE__DEVICE: 'cpu',
    },
    logDir: mkdtempSync(path.join(os.tmpdir(), 'sluice-layouts-logs-')),
  });
  client = connect('Inference', stack.addresses.inference!.grpcAddress);
}, 300_000);

afterAll(async () => {
  client?.close();
  await stack?.stop();
  await Promise.all([hub?.close(), feeds?.close(), db?.drop()]);
  if (root) rmSync(root, { recursive: true, force: true });
});

async function embedGrpc(model: string, texts: string[]): Promise<EmbedResponse__Output> {
  return call(client, 'Embed', { model, inputs: texts.map((text, i) => ({ id: String(i), text })) }, 20_000);
}

async function gateway<T>(route: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(route, stack.httpUrl('gateway')), {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('real export layouts end to end', () => {
  it('pulls every file the layouts need, and only those', () => {
    for (const name of ['bert-mean-encoder', 'bert-cls-encoder']) {
      for (const file of [
        'config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'special_tokens_map.json',
        'modules.json',
        '1_Pooling/config.json',
        'onnx/model.onnx',
      ])
        expect(existsSync(path.join(folder(name), file))).toBe(true);
      expect(existsSync(path.join(folder(name), 'README.md'))).toBe(false);
    }
    for (const file of ['onnx/model_fp16.onnx', 'onnx/model_quantized.onnx'])
      expect(existsSync(path.join(folder('bert-mean-encoder'), file))).toBe(true);
    // The external-data model: its tensors live in model.onnx_data, byte for byte what the hub served.
    const data = readFileSync(path.join(folder('bert-cls-encoder'), 'onnx', 'model.onnx_data'));
    expect(data.equals(Buffer.from(exported.get('bert-cls-encoder')!.files.get('onnx/model.onnx_data')!))).toBe(true);
    expect(readFileSync(path.join(folder('bert-cls-encoder'), 'onnx', 'model.onnx')).length).toBeLessThan(
      data.length / 4,
    );
  });

  it('tokenizes as the Rust tokenizers library does: [CLS]/[SEP] WordPiece with BertNormalizer, <s>/</s> byte-level BPE', async () => {
    const vocab = JSON.parse(readFileSync(path.join(folder('bert-mean-encoder'), 'tokenizer.json'), 'utf8')).model
      .vocab as Record<string, number>;
    // Lowercased, accents stripped, punctuation split, unknown words in ## pieces.
    expect(await referenceIds('bert-mean-encoder', 'Café LOVED!')).toEqual(
      ['[CLS]', 'c', '##a', '##f', '##e', 'loved', '!', '[SEP]'].map((t) => vocab[t]),
    );
    const bpe = await referenceIds('roberta-sentiment', 'the market');
    expect([bpe[0], bpe.at(-1)]).toEqual([0, 2]);
    expect(bpe.length).toBeGreaterThan(3);
  });

  it('embeds over gRPC like the reference: mean pooling from 1_Pooling, CLS pooling, external data', async () => {
    const listed = await call(client, 'ListModels', {}, 10_000);
    const byName = new Map(listed.models.map((m) => [m.name, m]));
    expect(byName.get('bert-mean-encoder')).toMatchObject({
      task: 'embedding',
      dimensions: 32,
      execution_provider: 'cpu/fp32',
    });
    expect(byName.get('bert-classifier')).toMatchObject({
      task: 'sequence-classification',
      labels: ['NEGATIVE', 'POSITIVE'],
    });
    expect(byName.get('roberta-sentiment')).toMatchObject({
      task: 'sentiment',
      labels: ['negative', 'neutral', 'positive'],
    });
    for (const [name, pooling] of [
      ['bert-mean-encoder', 'mean'],
      ['bert-cls-encoder', 'cls'],
    ] as const) {
      const response = await embedGrpc(name, TEXTS);
      expect(response.model).toBe(name);
      for (const [i, text] of TEXTS.entries()) {
        const expected = referenceEmbedding(exported.get(name)!.weights, await referenceIds(name, text), pooling);
        expect(maxDifference(response.results[i]!.values, expected)).toBeLessThan(1e-4);
      }
    }
    // The two poolings really differ (a folder read with the wrong one would fail above, not pass by luck).
    const ids = await referenceIds('bert-cls-encoder', TEXTS[0]!);
    const weights = exported.get('bert-cls-encoder')!.weights;
    expect(
      maxDifference(referenceEmbedding(weights, ids, 'mean'), referenceEmbedding(weights, ids, 'cls')),
    ).toBeGreaterThan(0.05);
  });

  it('classifies over gRPC like the reference: logits + id2label, BERT and RoBERTa', async () => {
    const response = await call(
      client,
      'Classify',
      { models: ['bert-classifier', 'roberta-sentiment'], inputs: TEXTS.map((text, i) => ({ id: String(i), text })) },
      20_000,
    );
    for (const [i, text] of TEXTS.entries()) {
      for (const name of ['bert-classifier', 'roberta-sentiment']) {
        const got = response.results[i]!.classifications.find((c) => c.model === name)!;
        const expected = referenceProbabilities(exported.get(name)!.weights, await referenceIds(name, text));
        const labels = exported.get(name)!.labels;
        const scores = labels.map((label) => got.labels.find((l) => l.name === label)!.score);
        expect(maxDifference(scores, expected)).toBeLessThan(1e-4);
      }
    }
  });

  it('answers /v1/embed and /v1/classify through the gateway with the same values', async () => {
    const viaGrpc = await embedGrpc('bert-mean-encoder', TEXTS);
    const embedded = await gateway<{ model: string; results: Array<{ values: number[] }> }>('/v1/embed', {
      inputs: TEXTS.map((text) => ({ text })),
    });
    expect(embedded.model).toBe('bert-mean-encoder');
    for (const [i] of TEXTS.entries())
      expect(maxDifference(embedded.results[i]!.values, viaGrpc.results[i]!.values)).toBeLessThan(1e-6);
    const classified = await gateway<{
      results: Array<{
        classifications: Array<{ model: string; task: string; labels: Array<{ name: string; score: number }> }>;
      }>;
    }>('/v1/classify', { models: ['roberta-sentiment'], inputs: [{ text: TEXTS[1]! }] });
    const expected = referenceProbabilities(
      exported.get('roberta-sentiment')!.weights,
      await referenceIds('roberta-sentiment', TEXTS[1]!),
    );
    const got = classified.results[0]!.classifications[0]!;
    expect(got.task).toBe('sentiment');
    expect(
      maxDifference(
        ['negative', 'neutral', 'positive'].map((n) => got.labels.find((l) => l.name === n)!.score),
        expected,
      ),
    ).toBeLessThan(1e-4);
  });

  it('runs the pulled models in the pipeline: stored embeddings and classifications match the reference', async () => {
    const progress = await runSources({ collectorAddress: stack.addresses.collector!.grpcAddress, timeoutMs: 120_000 });
    expect(progress.acknowledged).toBe(ITEMS);
    const url = new URL('/v1/items', stack.httpUrl('gateway'));
    url.searchParams.set('limit', '100');
    url.searchParams.set('fields', 'id,title,text,classifications,embedding,sentiment');
    const response = await fetch(url, { headers: { authorization: `Bearer ${API_KEY}` } });
    const { items } = (await response.json()) as {
      items: Array<{
        title: string;
        text: string;
        sentiment: string | null;
        embedding: { model: string; values: number[] } | null;
        classifications: Array<{ task: string; model: string; labels: Array<{ name: string; score: number }> }>;
      }>;
    };
    expect(items).toHaveLength(ITEMS);
    const weights = exported.get('bert-mean-encoder')!.weights;
    for (const item of items) {
      expect(item.embedding!.model).toBe('bert-mean-encoder');
      // The text the pipeline's models read: title, a newline, the normalized text.
      const text = `${item.title}\n${item.text}`.trim();
      expect(
        maxDifference(
          item.embedding!.values,
          referenceEmbedding(weights, await referenceIds('bert-mean-encoder', text), 'mean'),
        ),
      ).toBeLessThan(1e-4);
      const sentiment = item.classifications.find((c) => c.task === 'sentiment')!;
      expect(sentiment.model).toBe('roberta-sentiment');
      const expected = referenceProbabilities(
        exported.get('roberta-sentiment')!.weights,
        await referenceIds('roberta-sentiment', text),
      );
      expect(
        maxDifference(
          ['negative', 'neutral', 'positive'].map((n) => sentiment.labels.find((l) => l.name === n)!.score),
          expected,
        ),
      ).toBeLessThan(1e-4);
      expect(item.classifications.find((c) => c.task === 'sequence-classification')!.model).toBe('bert-classifier');
      expect(['negative', 'neutral', 'positive']).toContain(item.sentiment);
    }
  }, 180_000);
});
