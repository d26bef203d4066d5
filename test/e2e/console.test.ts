// The web console in a real browser (playwright-core driving Chromium) against the whole pipeline (six
// processes, a fresh PostgreSQL database): log in, filter items, search, open an item, watch an import job's
// progress bar move, disable a source, replay a dead letter; a read-only key sees no admin buttons. The console
// bundle's API types must equal what the running gateway's /openapi.json gives (the drift check). A screenshot
// of every page is written on every run: to $SLUICE_CONSOLE_SCREENSHOTS (docs/console for the docs), else to a
// temporary folder.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemId } from '@sluice/content';
import { CLIENT_TYPES_FILE, clientTypesFor } from '../../packages/console/src/openapi-client-types.js';
import { ensureConsoleBuilt } from '@sluice/console';
import { allocateAddresses, createTestDatabase, startStack, type Stack, type TestDatabase } from '@sluice/stack';
import { chromiumPath } from '../support/chromium.js';

const API_KEY = 'console-e2e-key-0123456789abcdef0123';
const screenshots = process.env.SLUICE_CONSOLE_SCREENSHOTS
  ? path.resolve(process.env.SLUICE_CONSOLE_SCREENSHOTS)
  : mkdtempSync(path.join(tmpdir(), 'sluice-console-'));

let db: TestDatabase;
let stack: Stack;
let browser: Browser;
let page: Page;
let base: string;

async function api(method: string, url: string, body?: unknown, key = API_KEY): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function sqlExec(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: false });
}

async function login(key: string): Promise<void> {
  await page.goto(`${base}/console/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Pages', exact: true }).waitFor();
}

const TOPICS = [
  ['Tariffs on imported steel', 'Congress debated tariffs and taxes on imported steel and trade with other nations.'],
  ['New vaccine for children', 'Doctors and hospitals welcome a new vaccine that protects children from disease.'],
  ['Soldiers return home', 'The army and navy brought soldiers home after the war ended in peace.'],
  ['Schools get more teachers', 'Education funding gives schools more teachers and students better classrooms.'],
  ['Railroads reach the west', 'Railroads and canals opened the western territories to farmers and settlers.'],
] as const;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  const executablePath = chromiumPath();
  await ensureConsoleBuilt();
  db = await createTestDatabase('sluice_console');
  const addresses = await allocateAddresses();
  [stack, browser] = await Promise.all([
    startStack({
      addresses,
      env: { DATABASE_URL: db.url, SLUICE__LOG__LEVEL: 'warn' },
      serviceEnv: {
        transformer: { SLUICE__TRANSFORMER__WORKER_THREADS: '0' },
        gateway: {
          SLUICE_API_KEY: API_KEY,
          SLUICE__GATEWAY__PUSH_ACK_WAIT_MILLISECONDS: '30000',
          // Small import batches, one at a time: the progress bar has several steps to show.
          SLUICE__GATEWAY__IMPORT_BATCH_SIZE: '50',
          SLUICE__GATEWAY__IMPORT_MAX_IN_FLIGHT_BATCHES: '1',
          SLUICE__GATEWAY__JOB_PROGRESS_INTERVAL_MILLISECONDS: '50',
          SLUICE__GATEWAY__PIPELINE_POLL_INTERVAL_MILLISECONDS: '500',
        },
      },
    }),
    chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] }),
  ]);
  base = stack.httpUrl('gateway');
  page = await browser.newPage({ viewport: { width: 1366, height: 800 } });

  // Items through the whole pipeline: two sources, topics the built-in models tell apart, one near-duplicate.
  const items = TOPICS.flatMap(([title, content], i) =>
    ['a', 'b', 'c'].map((v) => ({
      external_id: `t${i}-${v}`,
      url: `https://news.example.com/story/${i}-${v}?utm_source=feed`,
      title: `${title} (${v})`,
      content: `${content} ${v}`,
    })),
  );
  expect((await api('POST', '/v1/items', { source_id: 'newsroom', items: items.slice(0, 9) })).status).toBe(200);
  expect((await api('POST', '/v1/items', { source_id: 'wire', items: items.slice(9) })).status).toBe(200);
  // A dead letter: the database rejects this title until the constraint is dropped (as an operator's fix).
  await sqlExec(`ALTER TABLE items ADD CONSTRAINT no_poison CHECK (title NOT LIKE 'POISON%')`);
  const poisoned = await api('POST', '/v1/items', {
    source_id: 'wire',
    items: [{ external_id: 'poison', title: 'POISON pill', content: 'Rejected until the fix.' }],
  });
  expect(poisoned.body).toMatchObject({ dead_lettered: 1 });
  await sqlExec(`ALTER TABLE items DROP CONSTRAINT no_poison`);
  // A source managed through the API (never collected here: the test only switches it off).
  const put = await api('PUT', '/v1/sources/example-feed', {
    kind: 'rss',
    config: { url: 'https://feeds.example.com/news.xml' },
    interval_seconds: 900,
  });
  expect(put.status).toBe(201);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await db?.drop();
  console.log(`console screenshots: ${screenshots}`);
});

describe('the console', () => {
  it("uses API types equal to what the running gateway's /openapi.json gives", async () => {
    const served = (await (await fetch(`${base}/openapi.json`)).json()) as Parameters<typeof clientTypesFor>[0];
    const expected = await clientTypesFor(served);
    expect(await readFile(CLIENT_TYPES_FILE, 'utf8')).toBe(expected);
  });

  it('logs in, lists items, filters by source and score, and searches', async () => {
    await page.goto(`${base}/console/`);
    await page.getByLabel('API key').fill('wrong-key-0123456789');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/invalid_api_key/);
    await login(API_KEY);
    const rows = page.locator('table.items tbody tr');
    await expect.poll(() => rows.count()).toBe(15);
    await shot('items');

    await page.getByLabel('Source').fill('wire');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => rows.count()).toBe(6);
    const sources = await page.locator('table.items tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(sources)).toEqual(new Set(['wire']));

    // A score range that holds some items but not all (both bounds from the stored scores).
    const scores = (await api('GET', '/v1/items?source=wire&fields=score&limit=50')).body.items
      .map((i: { score: { value: number } }) => i.score.value)
      .sort((a: number, b: number) => a - b);
    const low = scores[1] as number;
    const high = scores[4] as number;
    const inRange = scores.filter((s: number) => s >= low && s <= high).length;
    await page.getByLabel('Score from').fill(String(low));
    await page.getByLabel('Score to').fill(String(high));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => rows.count()).toBe(inRange);
    expect(inRange).toBeLessThan(6);
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => rows.count()).toBe(15);

    await page.getByLabel('Semantic search').fill('vaccine for sick children in hospitals');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect
      .poll(() => page.locator('table.items tbody tr:first-child td:first-child').textContent())
      .toMatch(/^New vaccine for children/);
    await shot('search');
  });

  it('opens an item: clean text, canonical link, score explanation', async () => {
    await page.locator('table.items tbody tr:first-child td:first-child a').click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^New vaccine for children/);
    await expect.poll(() => page.locator('.text').textContent()).toMatch(/protects children from disease/);
    // The canonical link: tracking parameters removed by the transformer.
    expect(await page.getByRole('link', { name: /^https:\/\/news\.example\.com\/story\/1-/ }).textContent()).toMatch(
      /^https:\/\/news\.example\.com\/story\/1-[abc]$/,
    );
    const caption = await page.locator('caption').textContent();
    expect(caption).toMatch(/^Score 0\.\d{3} \(formula /);
    expect(await page.locator('section[aria-labelledby="score-title"] tbody tr').count()).toBeGreaterThan(1);
    expect(await page.getByRole('heading', { name: 'Near-duplicates' }).count()).toBe(1);
    await shot('item');
  });

  it("shows the pipeline live: every service up, the stages' totals", async () => {
    await page.getByRole('link', { name: 'Pipeline' }).click();
    await page.getByTestId('stages').waitFor();
    await expect.poll(() => page.locator('[data-testid="services"] td.ok').count()).toBe(6);
    const persistence = page.locator('[data-testid="stages"] tr', { hasText: 'persistence' });
    await expect
      .poll(async () => Number((await persistence.locator('td').nth(2).textContent())?.replace(/,/g, '')))
      .toBeGreaterThanOrEqual(15);
    // Live: new snapshots keep arriving (every 500 ms here).
    const takenAt = () => page.getByTestId('taken-at').getAttribute('data-taken-at');
    const first = await takenAt();
    await expect.poll(takenAt).not.toBe(first);
    const second = await takenAt();
    await expect.poll(takenAt).not.toBe(second);
    await shot('pipeline');
  });

  it('starts an import by uploading a JSONL file and shows its progress bar moving', async () => {
    await page.getByRole('link', { name: 'Jobs' }).click();
    const lines = Array.from({ length: 1500 }, (_, i) =>
      JSON.stringify({
        external_id: `u${i}`,
        title: `Uploaded record ${i}`,
        content: `Body of record ${i} about trade.`,
      }),
    ).join('\n');
    const file = path.join(screenshots, '..', `console-upload-${process.pid}.jsonl`);
    writeFileSync(file, lines);
    await page.getByLabel(/^File/).setInputFiles(file);
    await page.getByLabel('Source id').fill('upload');
    await page.getByRole('button', { name: 'Upload and import' }).click();
    const row = page.locator('[data-testid="jobs"] tbody tr').first();
    await row.waitFor();
    const seen: number[] = [];
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const value = await row
        .getByTestId('job-progress')
        .evaluate((el) => (el as unknown as { position: number }).position);
      if (seen.at(-1) !== value) seen.push(value);
      if ((await row.getAttribute('data-status')) === 'succeeded') break;
      if (seen.length === 3) await shot('jobs');
      await page.waitForTimeout(50);
    }
    expect(await row.getAttribute('data-status')).toBe('succeeded');
    // The bar moved: it showed values strictly between empty and full, increasing, before it was full.
    const between = seen.filter((v) => v > 0 && v < 1);
    expect(between.length, `progress values seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(2);
    expect([...between].sort((a, b) => a - b)).toEqual(between);
    expect(seen.at(-1)).toBe(1);
    expect(await row.textContent()).toContain('1500 stored');
  });

  it('disables a source (admin)', async () => {
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Disable example-feed' }).click();
    await page.getByRole('button', { name: 'Enable example-feed' }).waitFor();
    expect(await page.locator('tr[data-source="example-feed"] td:nth-child(3)').textContent()).toBe('disabled');
    const stored = await api('GET', '/v1/sources');
    expect(stored.body.sources.find((s: { id: string }) => s.id === 'example-feed')).toMatchObject({
      enabled: false,
      origin: 'api',
    });
    await shot('sources');
  });

  it('inspects a dead letter and replays it (admin): the item is stored, the dead letter gone', async () => {
    await page.getByRole('link', { name: 'Dead letters' }).click();
    const row = page.locator('[data-testid="dead-letters"] tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('write_failed');
    await shot('dead-letters');
    await row.getByRole('link', { name: 'Inspect' }).click();
    await expect.poll(() => page.getByLabel('Payload (JSON)').textContent()).toContain('POISON pill');
    await shot('dead-letter');
    await page.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Replayed: stored');
    expect((await api('GET', '/v1/dead-letters')).body.dead_letters).toEqual([]);
    expect((await api('GET', `/v1/items/${itemId('wire', 'poison')}?fields=title`)).body).toEqual({
      title: 'POISON pill',
    });
  });

  it('shows a read-only key no buttons that need write or admin', async () => {
    const created = await api('POST', '/v1/keys', { name: 'viewer', scopes: ['read'] });
    expect(created.status).toBe(201);
    await page.getByRole('button', { name: 'Log out' }).click();
    await login(created.body.raw_key);
    expect(await page.locator('.who').textContent()).toBe('viewer (read)');
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByTestId('sources').waitFor();
    expect(await page.getByRole('button', { name: /^(Collect|Disable|Enable) / }).count()).toBe(0);
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: /Recent jobs/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Upload and import' }).count()).toBe(0);
    // The console's pages carry a strict Content-Security-Policy (no inline scripts or styles, no other origins).
    const response = await fetch(`${base}/console/`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
