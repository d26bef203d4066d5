// pnpm bench import: the collector's side of a bulk import. A JSONL file (1 GiB; the smoke run a few MB) is
// generated locally into a temporary folder, then one collector process reads, parses, validates,
// checkpoints and streams it to a downstream stand-in that acknowledges at once. Measures items/s and the
// collector process's peak RSS (sampled from its /metrics every 200 ms).
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSources } from '@sluice/stack';
import { startAckingSink, startBenchCollector, trackServicesPeakRss, type Metrics } from './lib.js';

const WORDS =
  'stream batch collector source feed checkpoint acknowledge pipeline persistence gateway transformer inference scorer priority window backoff jitter breaker lease replica'.split(
    ' ',
  );

/** Writes JSONL records of ~1 KB until `bytes` (or `maxLines`); every `invalidEvery`th line is invalid (a dead letter). */
export async function generate(
  file: string,
  bytes: number,
  invalidEvery: number,
  maxLines = Infinity,
): Promise<{ lines: number; invalid: number }> {
  const out = createWriteStream(file, { highWaterMark: 4 << 20 });
  let written = 0;
  let lines = 0;
  let invalid = 0;
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  // A pool of deterministic texts, reused with distinct ids (generating 1 GiB word by word takes a minute).
  const texts = Array.from({ length: 997 }, () =>
    Array.from({ length: 140 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' '),
  );
  while (written < bytes && lines < maxLines) {
    let chunk = '';
    for (let i = 0; i < 1000 && written + chunk.length < bytes && lines < maxLines; i++) {
      lines += 1;
      if (lines % invalidEvery === 0) {
        invalid += 1;
        chunk += `{"id": "broken-${lines}", "title": \n`;
        continue;
      }
      const words = texts[lines % texts.length]!;
      chunk += `${JSON.stringify({ id: `doc-${lines}`, url: `https://bulk.example/docs/${lines}`, title: `Document ${lines}: ${words.slice(0, 60)}`, content: words, author: 'bench', published_at: '2026-11-01T00:00:00Z', tags: ['bulk'] })}\n`;
    }
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { lines, invalid };
}

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  const bytes = smoke ? 4 * 2 ** 20 : Number(process.env.SLUICE_BENCH_IMPORT_BYTES ?? 2 ** 30);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-import-'));
  const file = path.join(dir, 'import.jsonl');
  const generatedAt = performance.now();
  const { lines, invalid } = await generate(file, bytes, smoke ? 1_000 : 10_000);
  const generateSeconds = (performance.now() - generatedAt) / 1000;
  const sink = await startAckingSink();
  const {
    process: collector,
    grpcAddress,
    metricsUrl,
  } = await startBenchCollector(sink.address, {
    SLUICE__COLLECTOR__MAX_IN_FLIGHT_ITEMS: process.env.SLUICE_BENCH_IN_FLIGHT ?? '5000',
    SLUICE__COLLECTOR__SOURCES: JSON.stringify([
      { id: 'bulk', kind: 'jsonl', path: file, batch_size: Number(process.env.SLUICE_BENCH_BATCH ?? 500) },
    ]),
  });
  try {
    const rss = trackServicesPeakRss({ collector: metricsUrl }, 200);
    const started = performance.now();
    const final = await runSources({ collectorAddress: grpcAddress, sourceIds: ['bulk'], timeoutMs: 30 * 60_000 });
    const seconds = (performance.now() - started) / 1000;
    const peaks = await rss.stop();
    if (final.collected !== lines - invalid || final.dead_lettered !== invalid) {
      throw new Error(
        `expected ${lines - invalid} items and ${invalid} dead letters, got ${final.collected} and ${final.dead_lettered}`,
      );
    }
    const fileBytes = statSync(file).size;
    return {
      file_megabytes: fileBytes / 2 ** 20,
      lines,
      items: final.collected,
      dead_lettered: final.dead_lettered,
      seconds,
      items_per_second: final.collected / seconds,
      megabytes_per_second: fileBytes / 2 ** 20 / seconds,
      peak_rss_megabytes: peaks.collector ?? 0,
      generate_seconds: generateSeconds,
    };
  } finally {
    await collector.stop();
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
