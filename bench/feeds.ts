// pnpm bench feeds: the collector's feed parsing in process. (1) The feed corpus
// (services/collector/test/fixtures/feeds): how many documents that have items yield them correctly (count
// and first item as corpus.json says) with the strict parser alone and with the whole parser (strict, then
// lenient). (2) The fast path's speed: decode + parse of a large valid RSS 2.0 feed (200 items, ~150 KB),
// "before" and "after" measured side by side in alternating rounds. "Before" is the strict path alone, or,
// with SLUICE_FEEDS_BASELINE=<checkout> (e.g. a worktree of an older commit), that checkout's own decoder
// and parser: the corpus is then also counted with it.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeBody } from '../services/collector/src/http/charset.js';
import { SourceFetchError } from '../services/collector/src/http/fetch-error.js';
import { parseDate } from '../services/collector/src/raw-item.js';
import { parseFeedDocument, parseStrictFeed } from '../services/collector/src/sources/feed-items.js';
import {
  corpusBytes,
  corpusMismatch,
  FEED_URL,
  loadCorpus,
  type CorpusItem,
} from '../services/collector/test/fixtures/feeds/corpus.js';
import { trackPeakRss, type Metrics } from './lib.js';

type Parse = (body: string, url: string) => { items: CorpusItem[] };
type Decode = (bytes: Uint8Array, contentType?: string) => string;

function largeFeed(items: number): Buffer {
  const paragraph =
    'The council approved the budget after a long debate about schools, transport and housing, and the mayor said the plan would be reviewed next spring. ';
  const entries = Array.from({ length: items }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    return `<item><title>Story ${i}: the council &amp; the budget</title><link>https://news.example.org/story/${i}</link><guid isPermaLink="false">story-${i}</guid><pubDate>Mon, ${day} Nov 2026 10:00:00 GMT</pubDate><dc:creator>Reporter ${i % 7}</dc:creator><category>Politics</category><description>Summary of story ${i}.</description><content:encoded><![CDATA[<p>${paragraph.repeat(3)}</p><p>${paragraph}</p>]]></content:encoded></item>`;
  });
  return Buffer.from(
    `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Example News</title><link>https://news.example.org/</link><description>All the news</description>${entries.join('')}</channel></rss>`,
  );
}

function countCorrect(decode: Decode, parse: Parse): { correct: number; failed: string[] } {
  const code = (error: unknown) => (error as SourceFetchError)?.code;
  let correct = 0;
  const failed: string[] = [];
  for (const entry of loadCorpus()) {
    if (entry.error || !entry.items) continue;
    const mismatch = corpusMismatch(
      entry,
      () => parse(decode(corpusBytes(entry), entry.content_type), FEED_URL),
      parseDate,
      code,
    );
    if (mismatch === undefined) correct += 1;
    else failed.push(entry.file);
  }
  return { correct, failed };
}

/** Documents per second of decode + parse, for each candidate, in alternating rounds. */
function docsPerSecond(bytes: Buffer, candidates: Array<[Decode, Parse]>, rounds: number, perRound: number): number[] {
  const totals = candidates.map(() => 0);
  for (const [decode, parse] of candidates) for (let i = 0; i < 3; i++) parse(decode(bytes), FEED_URL); // warm up
  for (let round = 0; round < rounds; round++) {
    candidates.forEach(([decode, parse], c) => {
      const started = performance.now();
      for (let i = 0; i < perRound; i++) parse(decode(bytes, 'application/rss+xml'), FEED_URL);
      totals[c]! += performance.now() - started;
    });
  }
  return totals.map((ms) => (rounds * perRound * 1000) / ms);
}

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  const rss = trackPeakRss();
  const baselineDir = process.env.SLUICE_FEEDS_BASELINE;
  let baseline: [Decode, Parse] | undefined;
  if (baselineDir) {
    const load = (file: string) =>
      import(pathToFileURL(path.resolve(baselineDir, 'services/collector/src', file)).href);
    baseline = [
      (await load('http/charset.ts')).decodeBody as Decode,
      (await load('sources/feed-items.ts')).parseFeedDocument as Parse,
    ];
  }
  const corpus = loadCorpus();
  const withItems = corpus.filter((e) => !e.error && e.items).length;
  const strictOnly = countCorrect(decodeBody, parseStrictFeed);
  const after = countCorrect(decodeBody, parseFeedDocument);
  const before = baseline ? countCorrect(...baseline) : undefined;
  if (after.failed.length > 0) console.log(`not read correctly: ${after.failed.join(', ')}`);
  if (before) console.log(`not read correctly by the baseline (${baselineDir}): ${before.failed.join(', ')}`);

  const feed = largeFeed(200);
  const [beforeRate, afterRate] = docsPerSecond(
    feed,
    [baseline ?? [decodeBody, parseStrictFeed], [decodeBody, parseFeedDocument]],
    smoke ? 2 : 10,
    smoke ? 3 : 20,
  );
  // The lenient path on the same feed, cut short so the strict parser rejects it.
  const truncated = feed.subarray(0, feed.length - 200);
  const [lenientRate] = docsPerSecond(truncated, [[decodeBody, parseFeedDocument]], smoke ? 1 : 5, smoke ? 3 : 20);
  const metrics: Metrics = {
    corpus_documents: corpus.length,
    corpus_documents_with_items: withItems,
    corpus_parsed_strict_only: strictOnly.correct,
    corpus_parsed: after.correct,
    ...(before ? { corpus_parsed_baseline: before.correct } : {}),
    large_feed_kilobytes: Math.round(feed.length / 1024),
    fast_path_docs_per_second_before: beforeRate!,
    fast_path_docs_per_second_after: afterRate!,
    fast_path_speed_ratio: afterRate! / beforeRate!,
    items_per_second: afterRate! * 200,
    lenient_docs_per_second: lenientRate!,
    peak_rss_megabytes: rss.stop(),
  };
  return metrics;
}
