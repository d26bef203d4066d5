// The web console in a real browser (playwright-core driving Chromium) against the whole pipeline (six
// processes, a fresh PostgreSQL database), every flow issue 16 names: log in (a read-only key sees no admin
// buttons), filter items (source, label, score range, time, language), semantic search, open an item (clean
// text, canonical link, near-duplicates, score explanation), watch the pipeline live and an import job's progress
// bar move, upload a JSONL file, "collect now" and disable a source, replay and discard dead letters, and the
// same by keyboard alone. Every captured page passes axe-core's WCAG 2.1 A/AA checks (labels, contrast, ARIA).
// The console bundle's API types must equal what the running gateway's /openapi.json gives (the drift check).
// Screenshots of every page are written on every run (.data/console-screenshots, or $SLUICE_CONSOLE_SCREENSHOTS).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { ConsoleDriver } from '../support/console-driver.js';
import { startAdjustableFeed, type AdjustableFeed } from '../support/feed-server.js';

const API_KEY = 'console-e2e-key-0123456789abcdef0123';
const DAY_MS = 24 * 3600 * 1000;

let db: TestDatabase;
let stack: Stack;
let browser: Browser;
let feed: AdjustableFeed;
let page: Page;
let c: ConsoleDriver;

async function sqlExec(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const rows = () => page.locator('table.items tbody tr');
/** expect.poll with room for a loaded machine (its default gives up after one second). */
const eventually = <T>(read: () => T | Promise<T>, timeout = 20_000) => expect.poll(read, { timeout, interval: 50 });
/** A datetime-local value (the page runs in UTC) for `ms`. */
const localTime = (ms: number) => new Date(ms).toISOString().slice(0, 16);

const TOPICS = [
  ['Tariffs on imported steel', 'Congress debated tariffs and taxes on imported steel and trade with other nations.'],
  [
    'New vaccine for children',
    // Over 30 words: long enough for the transformer's near-duplicate detection (a, b and c differ in one word).
    'Doctors and hospitals welcome a new vaccine that protects children from disease. The health ministry said ' +
      'the vaccine will be offered in every school and clinic this winter, and nurses will visit families in ' +
      'rural villages to explain how it works.',
  ],
  ['Soldiers return home', 'The army and navy brought soldiers home after the war ended in peace.'],
  ['Schools get more teachers', 'Education funding gives schools more teachers and students better classrooms.'],
  ['Railroads reach the west', 'Railroads and canals opened the western territories to farmers and settlers.'],
] as const;

beforeAll(async () => {
  const executablePath = chromiumPath();
  await ensureConsoleBuilt();
  db = await createTestDatabase('sluice_console');
  feed = await startAdjustableFeed();
  const addresses = await allocateAddresses();
  [stack, browser] = await Promise.all([
    startStack({
      addresses,
      env: { DATABASE_URL: db.url, SLUICE__LOG__LEVEL: 'warn' },
      serviceEnv: {
        transformer: { SLUICE__TRANSFORMER__WORKER_THREADS: '0' },
        // The test's feed server listens on loopback: the operator's exception to the SSRF guard.
        collector: { SLUICE__COLLECTOR__HTTP__PRIVATE_NETWORK_ALLOWLIST: '["127.0.0.1"]' },
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
  page = await browser.newPage({ viewport: { width: 1366, height: 800 }, timezoneId: 'UTC' });
  c = new ConsoleDriver(page, stack.httpUrl('gateway'), API_KEY);

  // Items through the whole pipeline: three sources, topics the built-in models tell apart, near-duplicates
  // (the vaccine story's a, b and c), one item in German.
  const items = TOPICS.flatMap(([title, content], i) =>
    ['a', 'b', 'c'].map((v) => ({
      external_id: `t${i}-${v}`,
      url: `https://news.example.com/story/${i}-${v}?utm_source=feed`,
      title: `${title} (${v})`,
      content: `${content} ${v}`,
      published_at: new Date(Date.UTC(2026, 10, 20 + i, 8, 'abc'.indexOf(v) * 15)).toISOString(),
    })),
  );
  expect((await c.api('POST', '/v1/items', { source_id: 'newsroom', items: items.slice(0, 9) })).status).toBe(200);
  expect((await c.api('POST', '/v1/items', { source_id: 'wire', items: items.slice(9) })).status).toBe(200);
  const german = {
    external_id: 'de-1',
    title: 'Neue Lehrer für die Schulen',
    content:
      'Die Regierung hat heute beschlossen, dass die Schulen im nächsten Jahr mehr Lehrer bekommen, sagte die Ministerin in Berlin.',
  };
  expect((await c.api('POST', '/v1/items', { source_id: 'presse', items: [german] })).status).toBe(200);
  // The wire's items were collected three days ago (the time filter has two sides to tell apart).
  await sqlExec(`UPDATE items SET collected_at = collected_at - interval '3 days' WHERE source_id = 'wire'`);
  // Dead letters: the database rejects these titles until the constraint is dropped (as an operator's fix).
  await sqlExec(`ALTER TABLE items ADD CONSTRAINT no_poison CHECK (title NOT LIKE 'POISON%')`);
  const poisoned = await c.api('POST', '/v1/items', {
    source_id: 'wire',
    items: ['poison', 'poison-2', 'poison-3'].map((id) => ({ external_id: id, title: `POISON ${id}`, content: 'x' })),
  });
  expect(poisoned.body).toMatchObject({ dead_lettered: 3 });
  await sqlExec(`ALTER TABLE items DROP CONSTRAINT no_poison`);
  // A source managed through the API; its feed has no items until the "collect now" test gives it some.
  const put = await c.api('PUT', '/v1/sources/example-feed', {
    kind: 'rss',
    config: { url: feed.url },
    interval_seconds: 3600,
  });
  expect(put.status).toBe(201);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await feed?.close();
  await db?.drop();
  if (c) console.log(`console screenshots: ${c.screenshots}`);
});

describe('the console', () => {
  it("uses API types equal to what the running gateway's /openapi.json gives", async () => {
    const served = (await (await fetch(`${c.base}/openapi.json`)).json()) as Parameters<typeof clientTypesFor>[0];
    const expected = await clientTypesFor(served);
    expect(await readFile(CLIENT_TYPES_FILE, 'utf8')).toBe(expected);
  });

  it('refuses a wrong key, logs in, lists items, and filters by source and score range', async () => {
    await page.goto(`${c.base}/console/`);
    await page.getByLabel('API key').fill('wrong-key-0123456789');
    await page.getByRole('button', { name: 'Log in' }).click();
    await eventually(() => page.getByRole('alert').textContent()).toMatch(/invalid_api_key/);
    await c.capture('login');
    await c.login(API_KEY);
    await eventually(() => rows().count()).toBe(16);
    await c.capture('items');

    await page.getByLabel('Source').fill('wire');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(() => rows().count()).toBe(6);
    const sources = await page.locator('table.items tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(sources)).toEqual(new Set(['wire']));

    // A score range that holds some items but not all (both bounds from the stored scores).
    const scores = (await c.api('GET', '/v1/items?source=wire&fields=score&limit=50')).body.items
      .map((i: { score: { value: number } }) => i.score.value)
      .sort((a: number, b: number) => a - b);
    const low = scores[1] as number;
    const high = scores[4] as number;
    const inRange = scores.filter((s: number) => s >= low && s <= high).length;
    await page.getByLabel('Score from').fill(String(low));
    await page.getByLabel('Score to').fill(String(high));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(() => rows().count()).toBe(inRange);
    expect(inRange).toBeLessThan(6);
    const shown = await page.locator('table.items tbody .score-value').allTextContents();
    for (const s of shown) expect(Number(s)).toBeGreaterThanOrEqual(Number(low.toFixed(2)));
    await page.getByRole('button', { name: 'Reset' }).click();
    await eventually(() => rows().count()).toBe(16);
  });

  it('filters by label, language and collection time', async () => {
    // The label: the vaccine story's topic, which the other stories do not share.
    const vaccine = (await c.api('GET', `/v1/items/${itemId('newsroom', 't1-a')}?fields=topics`)).body;
    const topic = vaccine.topics[0] as string;
    const labelled = (await c.api('GET', `/v1/items?label=${encodeURIComponent(topic)}&fields=title&limit=50`)).body
      .items as Array<{ title: string }>;
    expect(labelled.map((i) => i.title)).toEqual(expect.arrayContaining([expect.stringMatching(/^New vaccine/)]));
    expect(labelled.length).toBeLessThan(16);
    await page.getByLabel('Label', { exact: true }).fill(topic);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(() => rows().count()).toBe(labelled.length);
    const titles = await page.locator('table.items tbody tr td:first-child').allTextContents();
    expect(new Set(titles)).toEqual(new Set(labelled.map((i) => i.title)));
    for (const chips of await page.locator('table.items tbody ul.chips').allTextContents())
      expect(chips).toContain(topic);
    await page.getByRole('button', { name: 'Reset' }).click();

    await page.getByLabel('Language').fill('de');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(() => rows().count()).toBe(1);
    expect(await rows().first().locator('td').first().textContent()).toBe('Neue Lehrer für die Schulen');
    await page.getByRole('button', { name: 'Reset' }).click();

    // Collected before two days ago: only the wire's (three days old); since one day ago: the others.
    await page.getByLabel('Collected before').fill(localTime(Date.now() - 2 * DAY_MS));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(() => rows().count()).toBe(6);
    expect(new Set(await page.locator('table.items tbody tr td:nth-child(2)').allTextContents())).toEqual(
      new Set(['wire']),
    );
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.getByLabel('Collected since').fill(localTime(Date.now() - DAY_MS));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(() => rows().count()).toBe(10);
    expect(new Set(await page.locator('table.items tbody tr td:nth-child(2)').allTextContents())).toEqual(
      new Set(['newsroom', 'presse']),
    );
    await page.getByRole('button', { name: 'Reset' }).click();
    await eventually(() => rows().count()).toBe(16);
  });

  it('searches semantically', async () => {
    await page.getByLabel('Semantic search').fill('vaccine for sick children in hospitals');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await eventually(() => page.locator('table.items tbody tr:first-child td:first-child').textContent()).toMatch(
      /^New vaccine for children/,
    );
    await c.capture('search');
  });

  it('opens an item: clean text, canonical link, near-duplicates, score explanation', async () => {
    await page.locator('table.items tbody tr:first-child td:first-child a').click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    expect(title).toMatch(/^New vaccine for children \([abc]\)$/);
    await eventually(() => page.locator('.text').textContent()).toMatch(/protects children from disease/);
    // The canonical link: tracking parameters removed by the transformer.
    expect(await page.getByRole('link', { name: /^https:\/\/news\.example\.com\/story\/1-/ }).textContent()).toMatch(
      /^https:\/\/news\.example\.com\/story\/1-[abc]$/,
    );
    const caption = await page.locator('caption').textContent();
    expect(caption).toMatch(/^Score 0\.\d{3} \(formula /);
    expect(await page.locator('section[aria-labelledby="score-title"] tbody tr').count()).toBeGreaterThan(1);
    // Near-duplicates: the other two versions of the story (the original, or the copies of this one).
    const dupes = page.locator('section[aria-labelledby="dupes-title"] a');
    await eventually(() => dupes.count()).toBeGreaterThanOrEqual(1);
    const linked = await dupes.allTextContents();
    for (const text of linked) expect(text).toMatch(/^New vaccine for children \([abc]\)$/);
    expect(linked).not.toContain(title);
    await c.capture('item');
    // A near-duplicate's link opens that item.
    await dupes.first().click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(linked[0]);
  });

  it("shows the pipeline live: every service up, the stages' totals", async () => {
    await page.getByRole('link', { name: 'Pipeline' }).click();
    await page.getByTestId('stages').waitFor();
    await eventually(() => page.locator('[data-testid="services"] td.ok').count()).toBe(6);
    const persistence = page.locator('[data-testid="stages"] tr', { hasText: 'persistence' });
    await eventually(async () =>
      Number((await persistence.locator('td').nth(2).textContent())?.replace(/,/g, '')),
    ).toBeGreaterThanOrEqual(16);
    // Live: new snapshots keep arriving (every 500 ms here) over server-sent events.
    const takenAt = () => page.getByTestId('taken-at').getAttribute('data-taken-at');
    const first = await takenAt();
    await eventually(takenAt).not.toBe(first);
    const second = await takenAt();
    await eventually(takenAt).not.toBe(second);
    await c.capture('pipeline');
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
    const folder = mkdtempSync(path.join(tmpdir(), 'sluice-console-upload-'));
    const file = path.join(folder, 'upload.jsonl');
    writeFileSync(file, lines);
    await page.getByLabel(/^File/).setInputFiles(file);
    await page.getByLabel('Source id').fill('upload');
    await page.getByRole('button', { name: 'Upload and import' }).click();
    const row = page.locator('[data-testid="jobs"] tbody tr').first();
    await row.waitFor();
    const seen: number[] = [];
    const jobsShot = path.join(c.screenshots, 'jobs.png');
    let shotTaken = false;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const value = await row
        .getByTestId('job-progress')
        .evaluate((el) => (el as unknown as { position: number }).position);
      if (seen.at(-1) !== value) seen.push(value);
      if ((await row.getAttribute('data-status')) === 'succeeded') break;
      if (seen.length === 3 && !shotTaken) shotTaken = Boolean(await page.screenshot({ path: jobsShot }));
      await page.waitForTimeout(50);
    }
    expect(await row.getAttribute('data-status')).toBe('succeeded');
    rmSync(folder, { recursive: true });
    if (!shotTaken) await page.screenshot({ path: jobsShot });
    // The bar moved: it showed values strictly between empty and full, increasing, before it was full.
    const between = seen.filter((v) => v > 0 && v < 1);
    expect(between.length, `progress values seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(2);
    expect([...between].sort((a, b) => a - b)).toEqual(between);
    expect(seen.at(-1)).toBe(1);
    expect(await row.textContent()).toContain('1500 stored');
    expect((await c.api('GET', '/v1/items?source=upload&fields=id&limit=1')).body.items).toHaveLength(1);
    // The accessibility check of the finished page (the screenshot above shows the bar part way).
    await c.checkAccessibility('jobs');
  });

  it('collects a source now (write), then disables it (admin)', async () => {
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.locator('tr[data-source="example-feed"]').waitFor();
    const before = feed.fetches();
    feed.setItems(2);
    await page.getByRole('button', { name: 'Collect now: example-feed' }).click();
    await eventually(() => page.getByRole('status').textContent()).toMatch(/^Collecting example-feed: job \S+$/);
    const jobId = (await page.getByRole('status').textContent())!.split(' ').at(-1)!;
    await eventually(async () => (await c.api('GET', `/v1/jobs/${jobId}`)).body.status, 30_000).toBe('succeeded');
    expect(feed.fetches()).toBeGreaterThan(before);
    await eventually(
      async () => (await c.api('GET', '/v1/items?source=example-feed&fields=id&limit=10')).body.items.length,
    ).toBe(2);

    await page.getByRole('button', { name: 'Disable example-feed' }).click();
    await page.getByRole('button', { name: 'Enable example-feed' }).waitFor();
    expect(await page.locator('tr[data-source="example-feed"] td:nth-child(3)').textContent()).toBe('disabled');
    const stored = await c.api('GET', '/v1/sources');
    expect(stored.body.sources.find((s: { id: string }) => s.id === 'example-feed')).toMatchObject({
      enabled: false,
      origin: 'api',
    });
    await c.capture('sources');
  });

  it('inspects and replays one dead letter, discards another (admin)', async () => {
    const all = (await c.api('GET', '/v1/dead-letters')).body.dead_letters as Array<{ id: number; item_id: string }>;
    const idOf = (external: string) => all.find((d) => d.item_id === itemId('wire', external))!.id;
    await page.getByRole('link', { name: 'Dead letters' }).click();
    const listed = page.locator('[data-testid="dead-letters"] tbody tr');
    await eventually(() => listed.count()).toBe(3);
    for (const text of await listed.allTextContents()) expect(text).toContain('write_failed');
    await c.capture('dead-letters');

    await page
      .locator(`tr[data-dead-letter="${idOf('poison')}"]`)
      .getByRole('link', { name: 'Inspect' })
      .click();
    await eventually(() => page.getByLabel('Payload (JSON)').textContent()).toContain('POISON poison');
    await c.capture('dead-letter');
    await page.getByRole('button', { name: 'Replay' }).click();
    await eventually(() => page.getByRole('status').textContent()).toBe('Replayed: stored');
    expect((await c.api('GET', `/v1/items/${itemId('wire', 'poison')}?fields=title`)).body).toEqual({
      title: 'POISON poison',
    });

    await page.getByRole('link', { name: '← Dead letters' }).click();
    await eventually(() => listed.count()).toBe(2);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: `Discard dead letter ${idOf('poison-2')}` }).click();
    await eventually(() => listed.count()).toBe(1);
    expect(await page.getByRole('status').textContent()).toBe(`Dead letter ${idOf('poison-2')} discarded`);
    const left = (await c.api('GET', '/v1/dead-letters')).body.dead_letters as Array<{ id: number }>;
    expect(left.map((d) => d.id)).toEqual([idOf('poison-3')]);
    // Discarded means gone, not stored.
    expect((await c.api('GET', `/v1/items/${itemId('wire', 'poison-2')}?fields=title`)).status).toBe(404);
  });

  it('shows a read-only key no buttons that need write or admin', async () => {
    const created = await c.api('POST', '/v1/keys', { name: 'viewer', scopes: ['read'] });
    expect(created.status).toBe(201);
    await page.getByRole('button', { name: 'Log out' }).click();
    await c.login(created.body.raw_key);
    expect(await page.locator('.who').textContent()).toBe('viewer (read)');
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByTestId('sources').waitFor();
    expect(await page.getByRole('button', { name: /^(Collect|Disable|Enable) / }).count()).toBe(0);
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: /Recent jobs/ }).waitFor();
    expect(await page.getByRole('button', { name: /^(Upload and import|Collect all sources)$/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'Dead letters' }).click();
    await page.getByTestId('dead-letters').waitFor();
    expect(await page.getByRole('link', { name: 'Inspect' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^(Replay|Discard) / }).count()).toBe(0);
    await page.getByRole('link', { name: 'Inspect' }).click();
    await page.getByLabel('Payload (JSON)').waitFor();
    expect(await page.getByRole('button', { name: 'Replay' }).count()).toBe(0);
    // The console's pages carry a strict Content-Security-Policy (no inline scripts or styles, no other origins).
    const response = await fetch(`${c.base}/console/`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('works from the keyboard alone: log in, move between pages, filter, open an item', async () => {
    await page.getByRole('button', { name: 'Log out' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('API key').waitFor();
    await c.tabTo({ id: 'api-key' });
    await page.keyboard.type(API_KEY);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Pages', exact: true }).waitFor();

    // The header's links in order, each with a visible focus outline; Enter follows one.
    await c.tabTo({ text: /^Items$/ });
    expect((await c.focused()).outline).toBe('solid 3px');
    await page.keyboard.press('Tab');
    expect((await c.focused()).text).toBe('Pipeline');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Pipeline', level: 1 }).waitFor();
    await page.keyboard.press('Shift+Tab');
    expect((await c.focused()).text).toBe('Items');
    await page.keyboard.press('Enter');
    // A full page now: the upload and the collected feed came after the first 16.
    await eventually(() => rows().count()).toBe(25);

    // A filter typed and submitted with Enter; then an item opened with Enter.
    await c.tabTo({ id: 'f-source' });
    await page.keyboard.type('presse');
    await page.keyboard.press('Enter');
    await eventually(() => rows().count()).toBe(1);
    await c.tabTo({ text: /^Neue Lehrer für die Schulen$/ });
    await page.keyboard.press('Enter');
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Neue Lehrer für die Schulen');
  });

  it('passes the automated accessibility checks on every captured page', async () => {
    expect([...c.violations.keys()].sort()).toEqual(
      ['dead-letter', 'dead-letters', 'item', 'items', 'jobs', 'login', 'pipeline', 'search', 'sources'].sort(),
    );
    expect(Object.fromEntries(c.violations)).toEqual(Object.fromEntries([...c.violations.keys()].map((k) => [k, []])));
  });
});
