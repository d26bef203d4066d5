// Long content whole, end to end: every service a separate process, real gRPC, the built-in ONNX models, the
// PostgreSQL server. A 20,000-word document is pushed through the HTTP API: every chunk is embedded and
// classified, a fact found only in its last paragraph is found by search (with that paragraph's chunk as the
// passage), and its topic follows the whole text rather than its opening.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startStack, type Stack, type TestDatabase } from '@sluice/stack';

const API_KEY = 'e2e-long-content-key-0123456789';
const WORDS = 20_000;

const SPORTS = [
  'The striker scored twice in the second half as the home team won the championship final.',
  'Fans in the stadium cheered when the goalkeeper saved the penalty in the last minute of the match.',
  'The coach praised the defenders after the football club kept a clean sheet for the fifth game in a row.',
  'The tennis player won the tournament after a long rally decided the third set.',
  'Players trained hard before the league season, and the captain lifted the trophy in front of the supporters.',
  'The referee showed a red card and the visiting team played the rest of the game with ten men.',
];
const HEALTH = [
  'Doctors at the hospital reported that the new vaccine reduced infections among elderly patients.',
  'Nurses treated patients with chronic disease and the clinic expanded its care for diabetes and heart conditions.',
  'The medical study found that regular exercise and a healthy diet lower blood pressure and the risk of illness.',
  'Researchers tested a drug that eased symptoms of the infection, and physicians prescribed it to more patients.',
  'Public health officials urged people to get vaccinated as the virus spread and hospitals filled with the sick.',
  'The surgeon explained that early diagnosis of cancer improves treatment and survival for most patients.',
  'Mental health services helped people with anxiety and depression, and therapists saw more patients each week.',
  'The pharmacy stocked antibiotics and the doctor warned that overuse makes bacteria resistant to medicine.',
];
// The fact, only in the last paragraph.
const FACT_PARAGRAPH = [
  'On the rocky coast stands the old lighthouse of Carrow Point, whose keeper climbed the spiral stairs every evening to light the lamp for the ships in the harbour.',
  'Sailors and fishermen steered their boats by its beam through fog and storms, and the lighthouse keeper logged every vessel that passed the cliffs.',
  'The copper dome of the lighthouse was painted turquoise by the keeper Tobias Wrenfield in the winter of 1887, and the colour still guides the ferries into the bay.',
  'Visitors walk along the pier to the lighthouse tower, look out over the waves and the lantern, and read how the keeper painted the dome turquoise.',
  'Every spring the harbour village repaints the lighthouse door, and the ferry captains sound their horns as they sail past the turquoise copper dome.',
].join(' ');
const QUERY = 'who painted the copper dome of the lighthouse turquoise';

/** Paragraphs of `words` words drawn from `sentences` (seeded, so every run pushes the same document). */
function paragraphs(sentences: readonly string[], words: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const out: string[] = [];
  let count = 0;
  while (count < words) {
    const paragraph: string[] = [];
    for (let s = 0; s < 5; s++) paragraph.push(sentences[next() % sentences.length]!);
    const text = paragraph.join(' ');
    count += text.split(/\s+/).length;
    out.push(text);
  }
  return out;
}

function longDocument(): string {
  const opening = paragraphs(SPORTS, 700, 1);
  const factWords = FACT_PARAGRAPH.split(/\s+/).length;
  const openingWords = opening.join(' ').split(/\s+/).length;
  const body = paragraphs(HEALTH, WORDS - openingWords - factWords, 2);
  return [...opening, ...body, FACT_PARAGRAPH].join('\n\n');
}

const SHORT_ITEMS = [
  ...SPORTS.map((text, i) => ({ external_id: `sports-${i}`, title: `Match report ${i}`, content: text })),
  ...HEALTH.map((text, i) => ({ external_id: `health-${i}`, title: `Clinic news ${i}`, content: text })),
  { external_id: 'markets', title: 'Markets', content: 'Stock markets fell as investors sold shares and bonds.' },
  { external_id: 'ships', title: 'Shipping', content: 'The ferry company bought two new ships for the island route.' },
];

describe('long content end to end', () => {
  let stack: Stack;
  let db: TestDatabase;

  const api = async (pathAndQuery: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(pathAndQuery, stack.httpUrl('gateway')), {
      ...init,
      headers: {
        authorization: `Bearer ${API_KEY}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    db = await createTestDatabase('sluice_long_content');
    const logDir = mkdtempSync(path.join(os.tmpdir(), 'sluice-long-content-logs-'));
    console.log(`service logs: ${logDir}`);
    stack = await startStack({
      env: { SLUICE_API_KEY: API_KEY, DATABASE_URL: db.url, SLUICE__LOG__LEVEL: 'warn' },
      logDir,
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  it('embeds every chunk, finds a fact of the last paragraph and classifies the whole text', async () => {
    const text = longDocument();
    const pushed = await api('/v1/items', {
      method: 'POST',
      body: JSON.stringify({
        source_id: 'long',
        items: [
          { external_id: 'report', title: 'A long report', content: text, content_type: 'text/plain' },
          ...SHORT_ITEMS,
        ],
      }),
    });
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ inserted: SHORT_ITEMS.length + 1, dead_lettered: 0 });
    const [reportId] = pushed.body.item_ids as string[];

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    let chunks: Array<{ chunk_index: number; text: string }>;
    try {
      chunks = (
        await client.query<{ chunk_index: number; text: string }>(
          'SELECT chunk_index, text FROM item_chunks WHERE item_id = $1 ORDER BY chunk_index',
          [reportId],
        )
      ).rows;
    } finally {
      await client.end();
    }
    // The whole text is chunked (512-token model: ~40 chunks) and every chunk stored with its vector.
    expect(chunks.length).toBeGreaterThan(30);
    expect(chunks.map((c) => c.chunk_index)).toEqual(chunks.map((_, i) => i));
    expect(chunks.map((c) => c.text).join('\n')).toBe(text.replace(/\n\n/g, '\n'));
    const last = chunks.at(-1)!;
    expect(last.text.endsWith(FACT_PARAGRAPH)).toBe(true);

    const search = await api(`/v1/search?q=${encodeURIComponent(QUERY)}&limit=3&fields=id,title,word_count`);
    expect(search.status).toBe(200);
    const hits = search.body.hits as Array<{
      similarity: number;
      passage: { index: number; text: string; similarity: number } | null;
      item: { id: string; word_count: number };
    }>;
    expect(hits[0]!.item.id).toBe(reportId);
    expect(hits[0]!.item.word_count).toBeGreaterThanOrEqual(WORDS);
    expect(hits[0]!.passage).toMatchObject({ index: last.chunk_index, text: last.text });
    expect(hits[0]!.similarity).toBeCloseTo(hits[0]!.passage!.similarity, 6);

    // The opening (more than a chunk) is about sports; the other 19,000 words are about health.
    const item = await api(`/v1/items/${reportId}?fields=id,topics,classifications`);
    const topics = (item.body.classifications as Array<{ task: string; labels: Array<{ name: string }> }>).find(
      (c) => c.task === 'topics',
    )!;
    expect(topics.labels[0]!.name).toBe('health');
    const opening = await api('/v1/classify', {
      method: 'POST',
      body: JSON.stringify({ inputs: [{ text: `A long report\n${chunks[0]!.text}` }], models: ['sluice-topics'] }),
    });
    const openingTopics = (
      opening.body.results as Array<{ classifications: Array<{ labels: Array<{ name: string }> }> }>
    )[0]!;
    expect(openingTopics.classifications[0]!.labels[0]!.name).toBe('sports');
  });
});
