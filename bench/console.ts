// pnpm bench console: the web console in a real browser (Debian's Chromium through playwright-core) over
// 100,000 stored items in PostgreSQL. Stack: persistence (fresh database) and the gateway, separate processes;
// the items are loaded through persistence's write path (PipelineSender, bench/persistence.ts's items).
//   first_page_ms: "Log in" submitted → the first items page (25 rows) rendered, median of the runs, each in a
//                  fresh browser context (first_page_cold_ms: the first run);
//   filter_ms:     "Apply filters" submitted → the filtered rows rendered: the slowest filter kind's median
//                  (source, label, score range, language, collection time; each kind's median reported too).
// Timing runs in the page (console-timing.ts). Targets (issue 16): first_page_ms ≤ 1,000, filter_ms ≤ 200.
import { chromium, type Page } from 'playwright-core';
import { ensureConsoleBuilt } from '@sluice/console';
import { connect, deadlineIn, PipelineSender } from '@sluice/protocol';
import { createTestDatabase, startStack } from '@sluice/stack';
import { chromiumPath } from '../test/support/chromium.js';
import { armTiming, elapsed, type ExpectedRows } from './console-timing.js';
import type { Metrics } from './lib.js';
import { makeItem } from './persistence.js';

const API_KEY = 'bench-console-key-0123456789abcdef';
const PAGE_ROWS = 25;
const FIELDS = 'id';
/** Collection times one minute apart, so the console's minute-resolution time filter has something to split. */
const COLLECTED_BASE_MS = Date.UTC(2026, 0, 1);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function load(address: string, count: number): Promise<number> {
  const client = connect('PipelineStage', address);
  const sender = new PipelineSender({
    connect: () => client.Process({ deadline: deadlineIn(900_000) }),
    maxInFlightItems: 5000,
  });
  const started = performance.now();
  try {
    for (let start = 0; start < count; start += 500) {
      const items = Array.from({ length: Math.min(500, count - start) }, (_, i) => {
        const n = start + i;
        const item = makeItem(n);
        // No embeddings (search is not measured here); every tenth item in German.
        item.embedding = undefined;
        item.raw!.collected_at_ms = COLLECTED_BASE_MS + n * 60_000;
        if (n % 10 === 0) item.normalized!.language = 'de';
        return item;
      });
      await sender.send({ items });
    }
    await sender.close();
  } finally {
    client.close();
  }
  return (performance.now() - started) / 1000;
}

interface FilterCase {
  kind: string;
  /** Form fields (by label) to fill, and the same filter as API query parameters. */
  fields: Array<[label: string, value: string]>;
  query: Record<string, string>;
}

function filterCases(count: number): FilterCase[] {
  const minute = (n: number) => new Date(COLLECTED_BASE_MS + n * 60_000).toISOString().slice(0, 16);
  return [
    { kind: 'source', fields: [['Source', 'feed-7']], query: { source: 'feed-7' } },
    { kind: 'label', fields: [['Label', 'league']], query: { label: 'league' } },
    {
      kind: 'score',
      fields: [
        ['Score from', '0.4'],
        ['Score to', '0.45'],
      ],
      query: { min_score: '0.4', max_score: '0.45' },
    },
    { kind: 'language', fields: [['Language', 'de']], query: { language: 'de' } },
    {
      kind: 'time',
      fields: [['Collected before', minute(Math.floor(count / 2))]],
      query: { until: `${minute(Math.floor(count / 2))}:00Z` },
    },
  ];
}

async function expectedRows(base: string, query: Record<string, string>): Promise<ExpectedRows> {
  const params = new URLSearchParams({ ...query, limit: String(PAGE_ROWS), fields: FIELDS });
  const response = await fetch(`${base}/v1/items?${params}`, { headers: { authorization: `Bearer ${API_KEY}` } });
  const body = (await response.json()) as { items: Array<{ id: string }> };
  if (!response.ok || body.items.length === 0) throw new Error(`no items for ${params}: ${JSON.stringify(body)}`);
  return { firstId: body.items[0]!.id, count: body.items.length };
}

async function firstPage(page: Page, base: string, unfiltered: ExpectedRows): Promise<number> {
  await page.goto(`${base}/console/`);
  await page.getByLabel('API key').fill(API_KEY);
  await armTiming(page, unfiltered);
  await page.getByRole('button', { name: 'Log in' }).click();
  return elapsed(page);
}

async function applyFilter(page: Page, filter: FilterCase, expected: ExpectedRows): Promise<number> {
  for (const [label, value] of filter.fields) await page.getByLabel(label, { exact: true }).fill(value);
  await armTiming(page, expected);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  return elapsed(page);
}

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  const count = smoke ? 2000 : 100_000;
  const runs = smoke ? 2 : 7;
  await ensureConsoleBuilt();
  const db = await createTestDatabase('sluice_bench_console');
  const stack = await startStack({
    services: ['persistence', 'gateway'],
    env: {
      DATABASE_URL: db.url,
      SLUICE_API_KEY: API_KEY,
      SLUICE__GATEWAY__RATE_LIMIT_PER_MINUTE: '0',
      SLUICE__LOG__LEVEL: 'warn',
    },
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const loadSeconds = await load(stack.addresses.persistence!.grpcAddress, count);
    const base = stack.httpUrl('gateway');
    const unfiltered = await expectedRows(base, {});
    const firstPages: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, timezoneId: 'UTC' });
      firstPages.push(await firstPage(await context.newPage(), base, unfiltered));
      await context.close();
    }

    const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, timezoneId: 'UTC' });
    const page = await context.newPage();
    await firstPage(page, base, unfiltered);
    const perKind: Metrics = {};
    for (const filter of filterCases(count)) {
      const expected = await expectedRows(base, filter.query);
      if (expected.firstId === unfiltered.firstId) throw new Error(`filter ${filter.kind} shows the unfiltered page`);
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        times.push(await applyFilter(page, filter, expected));
        // Back to the unfiltered page (not timed) before the next application.
        await page.getByRole('button', { name: 'Reset' }).click();
        await page.locator(`table.items tbody tr:first-child a[href="#/items/${unfiltered.firstId}"]`).waitFor();
      }
      perKind[`filter_${filter.kind}_ms`] = median(times);
    }
    await context.close();
    return {
      items: count,
      load_seconds: loadSeconds,
      load_items_per_second: count / loadSeconds,
      runs,
      first_page_ms: median(firstPages),
      first_page_cold_ms: firstPages[0]!,
      first_page_max_ms: Math.max(...firstPages),
      filter_ms: Math.max(...Object.values(perKind)),
      ...perKind,
    };
  } finally {
    await browser.close();
    await stack.stop();
    await db.drop();
  }
}
