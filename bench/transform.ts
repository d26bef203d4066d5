// `pnpm bench transform`: items/min through the transformer's batch path (worker pool + duplicate index),
// in process, with one and with two worker threads, on a realistic mix of items:
//   75% feed items (HTML fragments of 90–220 words: State of the Union passages, as the sample source),
//   10% full article pages with landmarks (WordPress-like: nav, sidebar, comments around an <article>),
//    2% full pages without landmarks (div soup ≥ 20 KB: the Readability path),
//    5% non-Latin items (Russian, Japanese, Arabic),
//    8% republished copies (another source, edited lead or sign-off: exact and near duplicates).
// Batches of 100 items, 4 batches in flight (as the relay stage receives them).
import os from 'node:os';
import { sampleRecords, type SampleRecord } from '../packages/cli/src/sample-corpus.js';
import type { PipelineItem__Output, RawItem__Output } from '../packages/protocol/src/index.js';
import { DedupIndex } from '../services/transformer/src/dedup-index.js';
import type { NormalizeOutcome } from '../services/transformer/src/normalize-batch.js';
import { createNormalizerPool } from '../services/transformer/src/normalizer-pool.js';
import { transformBatch } from '../services/transformer/src/transform-batch.js';
import { repoRoot } from '../packages/service-kit/src/index.js';
import { transformerSettingsSchema } from '../services/transformer/src/settings.js';
import { workerOptionsFrom } from '../services/transformer/src/worker-options.js';
import { trackPeakRss, type Metrics } from './lib.js';

const BATCH = 100;
const IN_FLIGHT = 4;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NON_LATIN = [
  'Городской совет одобрил строительство новой трамвайной линии, которая соединит северные районы с центральным вокзалом. Жители выразили обеспокоенность шумом и строительными работами, однако совет пообещал провести общественные слушания до начала работ.',
  '市議会は火曜日、北部地区と中央駅を結ぶ新しい路面電車路線の建設を承認した。住民からは騒音や工事への懸念の声が上がったが、議会は工事開始前に公聴会を開くと約束した。',
  'وافق مجلس المدينة يوم الثلاثاء على إنشاء خط ترام جديد يربط الأحياء الشمالية بالمحطة المركزية، وأبدى السكان قلقهم من الضجيج وأعمال البناء.',
];

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function articlePage(title: string, paragraphs: string[]): string {
  const menu = Array.from({ length: 25 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
  const recent = Array.from({ length: 12 }, (_, i) => `<li><a href="/post/${i}">Recent post ${i}</a></li>`).join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><script>window.dataLayer=[{"page":"post"}];${'var x=1;'.repeat(200)}</script><style>${'.a{color:red}'.repeat(100)}</style></head><body><div id="cookie-notice" role="dialog">We use cookies.</div><header class="site-header"><nav class="main-navigation"><ul>${menu}</ul></nav></header><main id="primary"><article class="post"><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}<div class="sharedaddy">Share this: Facebook X</div></article><div id="comments" class="comments-area">2 comments</div></main><aside class="widget-area"><ul>${recent}</ul></aside><footer class="site-footer">Powered by WordPress</footer></body></html>`;
}

function landmarklessPage(title: string, paragraphs: string[]): string {
  const teasers = Array.from(
    { length: 60 },
    (_, i) =>
      `<div class="teaser"><a href="/story/${i}"><span class="headline">Another headline number ${i} from the region today</span></a></div>`,
  ).join('');
  const body = paragraphs.map((p) => `<div class="text-block"><p>${escapeHtml(p)}</p></div>`).join('');
  return `<!DOCTYPE html><html><head><title>${escapeHtml(title)}</title><script>${'var d=1;'.repeat(300)}</script></head><body><div class="top"><div class="logo">Regional Times</div></div><div class="container"><div class="col-left"><h1>${escapeHtml(title)}</h1><div class="story-body">${body}</div></div><div class="col-right">${teasers}</div></div><div class="bottom">Regional Times 2024 Imprint Privacy</div></body></html>`;
}

/** The benchmark corpus: deterministic, `count` raw items. */
export function transformCorpus(count: number): RawItem__Output[] {
  const random = lcg(7);
  // Only as many passages as needed (the smoke run stays fast); past the corpus's end they repeat.
  const records: SampleRecord[] = [];
  for (const record of sampleRecords()) {
    records.push(record);
    if (records.length >= count) break;
  }
  const items: RawItem__Output[] = [];
  for (let i = 0; i < count; i++) {
    const record = records[i % records.length]!;
    const roll = random();
    const base = {
      id: `bench-${i}`,
      source_id: `source-${i % 20}`,
      source_kind: 'rss',
      external_id: `${record.id}-${i}`,
      // Sample URLs differ only by fragment (dropped when canonicalized): give each passage its own path.
      url: `${record.url.replace('#', '/')}${i >= records.length ? `-${i}` : ''}?utm_source=rss&utm_medium=feed#top`,
      title: record.title,
      summary: record.summary,
      content: record.content,
      content_type: 'text/html',
      author: record.author,
      published_at_ms: Date.parse(record.published_at),
      collected_at_ms: Date.now(),
      tags: record.tags,
      attributes: {},
      engagement: null,
      priority: 5,
      source_weight: 0.5,
      language_hint: '',
    } as unknown as RawItem__Output;
    const passages = () => Array.from({ length: 8 }, (_, k) => records[(i * 7 + k) % records.length]!.summary);
    if (roll < 0.1) base.content = articlePage(record.title, passages().slice(0, 5));
    else if (roll < 0.12) base.content = landmarklessPage(record.title, [...passages(), ...passages(), ...passages()]);
    else if (roll < 0.17) {
      const text = NON_LATIN[i % NON_LATIN.length]!;
      base.title = text.slice(0, 40);
      base.summary = '';
      base.content = `<p>${text}</p><p>${text}</p>`;
    } else if (roll < 0.25 && i > 100) {
      // A copy of an earlier item from another source: same text (exact) or with an edited lead (near).
      const earlier = items[Math.floor(random() * (items.length - 1))]!;
      base.url = `https://mirror.example/${i}`;
      base.title = earlier.title;
      base.content = random() < 0.5 ? earlier.content : earlier.content.replace(/<p>/, '<p>UPDATED: ');
    }
    items.push(base);
  }
  return items;
}

/** Wraps the stage's normalize step (the gate injects a slower one from outside the service code). */
type Normalize = (raw: RawItem__Output[]) => Promise<NormalizeOutcome[]>;
export type NormalizeWrapper = (normalize: Normalize) => Normalize;

/**
 * The transformer's batch path in this process: a normalizer pool of `threads` worker threads (the default
 * configuration) and one duplicate index; `run` pushes items through in batches of 100, 4 in flight.
 */
export async function transformRunner(
  threads: number,
  wrap?: NormalizeWrapper,
): Promise<{
  run(items: RawItem__Output[]): Promise<{ duplicates: number; deadLetters: number }>;
  close(): Promise<void>;
}> {
  // The default configuration (token counts for the built-in embedding model when its folder exists).
  const pool = await createNormalizerPool(threads, workerOptionsFrom(transformerSettingsSchema.parse({}), repoRoot));
  const dedup = new DedupIndex({ capacity: 200_000, maxHammingDistance: 8, bands: 8 });
  const plain: Normalize = (raw) => pool.normalize(raw);
  const normalize = wrap ? wrap(plain) : plain;
  let duplicates = 0;
  const deps = { normalize, dedup, nearDuplicateMinWords: 30, onDuplicate: () => (duplicates += 1) };
  // Warm-up: JIT and worker start, not counted.
  const warm = transformCorpus(BATCH).map((raw) => ({ raw }) as PipelineItem__Output);
  await transformBatch(
    { batch_id: 'warm', items: warm, dead_letters: [], deadline_unix_ms: 0 },
    { ...deps, dedup: new DedupIndex({ capacity: 1000, maxHammingDistance: 8 }), onDuplicate: () => {} },
  );
  let batchNumber = 0;
  return {
    async run(items) {
      const batches: PipelineItem__Output[][] = [];
      for (let i = 0; i < items.length; i += BATCH)
        batches.push(items.slice(i, i + BATCH).map((raw) => ({ raw }) as PipelineItem__Output));
      const before = duplicates;
      let deadLetters = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < batches.length) {
            const index = next++;
            const out = await transformBatch(
              { batch_id: `b${batchNumber++}`, items: batches[index]!, dead_letters: [], deadline_unix_ms: 0 },
              deps,
            );
            deadLetters += out.dead_letters?.length ?? 0;
          }
        }),
      );
      return { duplicates: duplicates - before, deadLetters };
    },
    close: () => pool.close(),
  };
}

async function measure(
  threads: number,
  items: RawItem__Output[],
): Promise<{ itemsPerMinute: number; cpuMsPerItem: number; duplicates: number; deadLetters: number }> {
  const runner = await transformRunner(threads);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { duplicates, deadLetters } = await runner.run(items);
  const seconds = (performance.now() - started) / 1000;
  // Process-wide: main thread and worker threads.
  const used = process.cpuUsage(cpu);
  await runner.close();
  return {
    itemsPerMinute: (items.length / seconds) * 60,
    cpuMsPerItem: (used.user + used.system) / 1000 / items.length,
    duplicates,
    deadLetters,
  };
}

export async function run(options: { smoke: boolean }): Promise<Metrics> {
  const items = transformCorpus(options.smoke ? 400 : 12_000);
  // Other work on the machine slows every number here: record how busy it was.
  const load = os.loadavg()[0]!;
  const rss = trackPeakRss();
  const one = await measure(1, items);
  const two = await measure(2, items);
  const best = Math.max(one.itemsPerMinute, two.itemsPerMinute);
  return {
    items_per_minute: Math.round(best),
    items_per_minute_one_worker: Math.round(one.itemsPerMinute),
    items_per_minute_two_workers: Math.round(two.itemsPerMinute),
    best_worker_threads: best === one.itemsPerMinute ? 1 : 2,
    items_per_second: Math.round(best / 60),
    items: items.length,
    cpu_milliseconds_per_item_one_worker: Number(one.cpuMsPerItem.toFixed(3)),
    cpu_milliseconds_per_item_two_workers: Number(two.cpuMsPerItem.toFixed(3)),
    load_average_at_start: Number(load.toFixed(2)),
    duplicates_linked: two.duplicates,
    dead_letters: two.deadLetters,
    peak_rss_megabytes: Math.round(rss.stop()),
  };
}
