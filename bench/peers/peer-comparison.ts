// Sluice next to what users would pick instead, side by side in one run (`pnpm bench inference`), on the
// same folder (bert-folder.ts): Sluice's inference service with 64 concurrent single-item gRPC callers vs.
// transformers.js and PyTorch (CPU), each running whole batches of 64. The sides alternate in short slices,
// so load on the shared machine hits all of them alike. A side that is not installed is reported as such and
// its ratio left out, never estimated. Before timing, every side embeds one probe text: the vectors must
// match (same weights, same graph semantics), or the comparison stops.
import type { Metrics } from '../lib.js';
import { ensureBertBenchFolder } from './bert-folder.js';
import type { PeerRunner } from './peer-runner.js';
import { openPytorch } from './pytorch-cpu.js';
import { openTransformersJs } from './transformers-js.js';

export interface PeerComparisonOptions {
  repoRoot: string;
  modelsDir: string;
  /** One word = one token in the folder's vocabulary; makeText draws from them. */
  words: readonly string[];
  makeText: () => string;
  /** Sluice's side on the folder's model (a service process and its callers). */
  openSluice: (model: string) => Promise<PeerRunner>;
  small: boolean;
  totalMs: number;
  sliceMs: number;
  warmUpMs: number;
}

const BATCH = 64;
/** Largest per-value difference between two sides' normalized embeddings of the probe text. */
const SAME_OUTPUT_TOLERANCE = 1e-3;

export async function comparePeers(options: PeerComparisonOptions): Promise<Metrics> {
  const model = ensureBertBenchFolder({ modelsDir: options.modelsDir, words: options.words, small: options.small });
  const folder = `${options.modelsDir}/${model}`;
  const texts = Array.from({ length: BATCH * 8 }, options.makeText);
  const opened: Array<{ name: string; runner: PeerRunner }> = [];
  const metrics: Metrics = {};
  try {
    opened.push({ name: 'sluice', runner: await options.openSluice(model) });
    const peers = [
      ['transformersjs', await openTransformersJs(options.repoRoot, options.modelsDir, model, texts, BATCH)],
      ['pytorch_cpu', await openPytorch(folder, texts, BATCH)],
    ] as const;
    for (const [name, side] of peers) {
      if (side.runner) opened.push({ name, runner: side.runner });
      else console.log(`peer comparison: ${name} not measured: ${side.absent}`);
    }
    const probe = options.makeText();
    const reference = await opened[0]!.runner.embed(probe);
    for (const { name, runner } of opened.slice(1)) {
      const vector = await runner.embed(probe);
      const difference = vector.reduce((m, v, i) => Math.max(m, Math.abs(v - reference[i]!)), 0);
      if (vector.length !== reference.length || !(difference <= SAME_OUTPUT_TOLERANCE))
        throw new Error(`${name} does not compute what Sluice does on ${model} (max difference ${difference})`);
      metrics[`max_abs_difference_${name}`] = difference;
    }
    for (const { runner } of opened) await runner.measure(options.warmUpMs);
    const sums = opened.map(() => ({ items: 0, seconds: 0 }));
    for (let spent = 0; spent < options.totalMs; spent += options.sliceMs) {
      for (const [i, { runner }] of opened.entries()) {
        const r = await runner.measure(options.sliceMs);
        sums[i]!.items += r.items;
        sums[i]!.seconds += r.seconds;
      }
    }
    const rate = sums.map((s) => s.items / s.seconds);
    metrics.items_per_second_sluice_bert = rate[0]!;
    for (const [i, { name, runner }] of opened.entries()) {
      console.log(`peer comparison: ${name} (${runner.version}) ${rate[i]!.toFixed(1)} items/s`);
      if (i === 0) continue;
      metrics[`items_per_second_${name}`] = rate[i]!;
      metrics[`sluice_vs_${name}`] = rate[0]! / rate[i]!;
    }
    return metrics;
  } finally {
    for (const { runner } of opened) await runner.close();
  }
}
