// pnpm bench persistence: stored items/s for 100,000 items streamed over gRPC into the persistence service
// (a separate process, real PostgreSQL), side by side with psql COPY of the same rows into the same tables.
//
// Both sides write items + classifications + embeddings (100 dims, the default GloVe model's size) + scores, each
// into its own fresh database with the same schema. ratio_vs_copy = service items/s ÷ COPY items/s.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { checkHealth, connect, deadlineIn, PipelineSender, type PipelineItem } from '@sluice/protocol';
import { createTestDatabase, freePort, spawnService } from '@sluice/stack';
import { migrateToLatest, openDatabase, prepareItem, type PreparedItem } from '../services/persistence/src/index.js';
import type { Metrics } from './lib.js';

const DIMS = 100;
const BATCH_ITEMS = 500;
const WORDS = [
  'river',
  'market',
  'model',
  'energy',
  'policy',
  'science',
  'match',
  'league',
  'chip',
  'vote',
  'climate',
  'launch',
  'data',
  'city',
];

/** A realistic, deterministic pipeline item: ~1 KB of text, 3 classifications, a 100-dim embedding, a 6-part score. */
export function makeItem(n: number): PipelineItem {
  const word = (k: number) => WORDS[(n * 7 + k * 3) % WORDS.length]!;
  const text = Array.from({ length: 160 }, (_, k) => word(k)).join(' ');
  const values = Array.from({ length: DIMS }, (_, k) => Math.sin(n * 0.37 + k) / 7);
  return {
    raw: {
      id: `bench-${n.toString(16).padStart(8, '0')}`,
      source_id: `feed-${n % 100}`,
      source_kind: 'rss',
      external_id: `https://news.example/${n % 100}/${n}`,
      url: `https://news.example/${n % 100}/${n}`,
      title: `${word(1)} ${word(2)} report number ${n}`,
      content: text,
      author: 'Bench Writer',
      published_at_ms: 1_790_000_000_000 + n * 1000,
      collected_at_ms: 1_800_000_000_000 + n,
      tags: [word(4), word(5)],
      engagement: { points: n % 500, comments: n % 40 },
      priority: n % 10,
    },
    normalized: {
      title: `${word(1)} ${word(2)} report number ${n}`,
      summary: text.slice(0, 200),
      text,
      canonical_url: `https://news.example/${n % 100}/${n}`,
      language: 'en',
      language_confidence: 0.97,
      content_hash: n.toString(16).padStart(16, '0'),
      dedup_key: `https://news.example/${n % 100}/${n}`,
      simhash: (n * 2654435761).toString(16).padStart(16, '0').slice(-16),
      word_count: 160,
      reading_time_seconds: 48,
    },
    classifications: [
      {
        model: 'sluice-sentiment',
        task: 'sentiment',
        labels: [
          { name: ['positive', 'neutral', 'negative'][n % 3]!, score: 0.71 },
          { name: 'neutral', score: 0.2 },
          { name: 'negative', score: 0.09 },
        ],
      },
      {
        model: 'sluice-topics',
        task: 'topics',
        labels: [
          { name: word(7), score: 0.62 },
          { name: word(8), score: 0.21 },
        ],
      },
      {
        model: 'sluice-spam',
        task: 'spam',
        labels: [
          { name: 'ham', score: 0.98 },
          { name: 'spam', score: 0.02 },
        ],
      },
    ],
    embedding: { model: 'sluice-embed-glove-100d', values },
    score: {
      value: (n % 1000) / 1000,
      formula_version: 'v1',
      components: ['relevance', 'sentiment', 'freshness', 'authority', 'engagement', 'quality'].map((name, k) => ({
        name,
        value: ((n + k) % 100) / 100,
        weight: 1 / 6,
      })),
    },
  };
}

/** PostgreSQL COPY text format: tab-separated, \N for null, backslash escapes. */
function copyField(value: string | number): string {
  const text = String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

async function writeCopyFiles(
  dir: string,
  prepared: PreparedItem[],
): Promise<{ items: string; classifications: string; embeddings: string; scores: string }> {
  const files = {
    items: path.join(dir, 'items.tsv'),
    classifications: path.join(dir, 'classifications.tsv'),
    embeddings: path.join(dir, 'embeddings.tsv'),
    scores: path.join(dir, 'scores.tsv'),
  };
  const streams = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, createWriteStream(f)])) as Record<
    keyof typeof files,
    ReturnType<typeof createWriteStream>
  >;
  const line = (fields: Array<string | number>) => `${fields.map(copyField).join('\t')}\n`;
  for (const p of prepared) {
    const r = p.item;
    streams.items.write(
      line([
        r.id,
        r.source_id,
        r.source_kind,
        r.external_id,
        r.url,
        r.canonical_url,
        r.title,
        r.summary,
        r.text,
        r.author,
        new Date(r.published_at_ms).toISOString(),
        new Date(r.collected_at_ms).toISOString(),
        r.language,
        r.content_hash,
        r.dedup_key,
        r.simhash,
        r.duplicate_of,
        r.tags,
        r.attributes,
        r.engagement_points,
        r.engagement_comments,
        r.priority,
        r.word_count,
        r.reading_time_seconds,
        r.score,
        r.sentiment,
        r.labels,
        r.row_hash,
      ]),
    );
    for (const c of p.classifications) streams.classifications.write(line([c.item_id, c.task, c.model, c.labels]));
    if (p.embedding)
      streams.embeddings.write(
        line([p.embedding.item_id, p.embedding.model, p.embedding.dims, p.embedding.norm, p.embedding.values]),
      );
    if (p.score)
      streams.scores.write(line([p.score.item_id, p.score.value, p.score.formula_version, p.score.components]));
  }
  await Promise.all(
    Object.values(streams).map(async (s) => {
      s.end();
      await finished(s);
    }),
  );
  return files;
}

function runPsql(url: string, script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) =>
      reject(new Error(`psql could not start (is it installed and on PATH?): ${error.message}`)),
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited with ${code}: ${stderr}`))));
  });
}

async function countItems(url: string): Promise<number> {
  const handle = await openDatabase({ url, poolSize: 2 });
  try {
    const row = await handle.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await handle.close();
  }
}

async function scrape(url: string): Promise<string> {
  return (await fetch(url)).text();
}

function metricValue(text: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  return measurePersistence(smoke ? 2_000 : 100_000, smoke ? 2 : 4);
}

/** `total` items through the service and through psql COPY, alternating in `rounds` rounds (see the top). */
export async function measurePersistence(total: number, rounds: number): Promise<Metrics> {
  const items = Array.from({ length: total }, (_, n) => makeItem(n));
  const serviceDb = await createTestDatabase('sluice_bench_persist');
  const copyDb = await createTestDatabase('sluice_bench_copy');
  const tmp = mkdtempSync(path.join(tmpdir(), 'sluice-bench-copy-'));
  const grpcPort = await freePort();
  const httpPort = await freePort();
  const service = spawnService('persistence', {
    env: {
      ...process.env,
      DATABASE_URL: serviceDb.url,
      SLUICE__SERVICES__PERSISTENCE__GRPC_ADDRESS: `127.0.0.1:${grpcPort}`,
      SLUICE__SERVICES__PERSISTENCE__HTTP_PORT: String(httpPort),
      SLUICE__LOG__LEVEL: 'warn',
    },
  });
  try {
    const address = `127.0.0.1:${grpcPort}`;
    const startDeadline = Date.now() + 60_000;
    while ((await checkHealth(address, '', 1000)) !== 'SERVING') {
      if (Date.now() > startDeadline || service.child.exitCode !== null)
        throw new Error(`persistence did not start:\n${service.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // The two sides alternate in rounds (service, COPY, service, COPY, …) so that load from other processes on
    // this machine falls on both alike; each side's time is the sum of its rounds.
    const migrate = await openDatabase({ url: copyDb.url, poolSize: 2 });
    await migrateToLatest(migrate.db);
    await migrate.close();
    const perRound = Math.ceil(total / rounds);
    const client = connect('PipelineStage', address);
    // One stream (as from the scorer), batches of 500, a window of 16 batches.
    const sender = new PipelineSender({
      connect: () => client.Process({ deadline: deadlineIn(1_800_000) }),
      maxInFlightItems: BATCH_ITEMS * 16,
    });
    const { writeFileSync } = await import('node:fs');
    const q = (f: string) => `'${f.replace(/'/g, "''")}'`;
    let serviceSeconds = 0;
    let copySeconds = 0;
    let inserted = 0;
    for (let round = 0; round < rounds; round++) {
      const slice = items.slice(round * perRound, (round + 1) * perRound);

      // 1. The service, over gRPC.
      const started = performance.now();
      const sends = [];
      for (let i = 0; i < slice.length; i += BATCH_ITEMS)
        sends.push(sender.send({ batch_id: `r${round}-b${i}`, items: slice.slice(i, i + BATCH_ITEMS) }));
      const acks = await Promise.all(sends);
      serviceSeconds += (performance.now() - started) / 1000;
      inserted += acks.reduce((sum, a) => sum + a.inserted, 0);

      // 2. psql COPY of the same rows (same mapping, same four tables), one transaction per round. The files are
      // written before the clock starts: COPY's time is psql reading them and the server loading them.
      const dir = path.join(tmp, `round-${round}`);
      const { mkdirSync } = await import('node:fs');
      mkdirSync(dir);
      const files = await writeCopyFiles(
        dir,
        slice.map((item) => {
          const p = prepareItem(item as never);
          if (!p.ok) throw new Error('bench item invalid');
          return p.value;
        }),
      );
      const script = [
        'BEGIN;',
        `\\copy items (id, source_id, source_kind, external_id, url, canonical_url, title, summary, text, author, published_at, collected_at, language, content_hash, dedup_key, simhash, duplicate_of, tags, attributes, engagement_points, engagement_comments, priority, word_count, reading_time_seconds, score, sentiment, labels, row_hash) FROM ${q(files.items)}`,
        `\\copy classifications (item_id, task, model, labels) FROM ${q(files.classifications)}`,
        `\\copy embeddings (item_id, model, dims, norm, values) FROM ${q(files.embeddings)}`,
        `\\copy scores (item_id, value, formula_version, components) FROM ${q(files.scores)}`,
        'COMMIT;',
      ];
      const scriptFile = path.join(dir, 'copy.sql');
      writeFileSync(scriptFile, `${script.join('\n')}\n`);
      const copyStarted = performance.now();
      await runPsql(copyDb.url, `\\i ${scriptFile}`);
      copySeconds += (performance.now() - copyStarted) / 1000;
    }
    await sender.close();
    client.close();
    if (inserted !== total) throw new Error(`service inserted ${inserted} of ${total}`);
    const metrics = await scrape(`http://127.0.0.1:${httpPort}/metrics`);
    const transactions = metricValue(metrics, 'sluice_persistence_transaction_items_count');
    const rss = metricValue(metrics, 'sluice_process_resident_memory_bytes') / 2 ** 20;

    const [serviceRows, copyRows] = await Promise.all([countItems(serviceDb.url), countItems(copyDb.url)]);
    if (serviceRows !== total || copyRows !== total)
      throw new Error(`row counts differ: service ${serviceRows}, copy ${copyRows}, expected ${total}`);
    const itemsPerSecond = total / serviceSeconds;
    const copyItemsPerSecond = total / copySeconds;
    return {
      items: total,
      seconds: serviceSeconds,
      items_per_second: itemsPerSecond,
      copy_seconds: copySeconds,
      copy_items_per_second: copyItemsPerSecond,
      ratio_vs_copy: itemsPerSecond / copyItemsPerSecond,
      rounds,
      mean_transaction_items: total / transactions,
      peak_rss_megabytes: rss,
    };
  } finally {
    await service.stop();
    rmSync(tmp, { recursive: true, force: true });
    await serviceDb.drop();
    await copyDb.drop();
  }
}
