// In-page timing for the console benchmark: the clock starts when a form is submitted (login, filters) and stops
// at the first animation frame after the items table shows the expected rows (the first row's item and the row
// count), so Playwright's polling round trips are not part of the figure.
import type { Page } from 'playwright-core';

export interface ExpectedRows {
  /** The item id the first row must link to. */
  firstId: string;
  count: number;
}

// The page's side, as source text: tsx (esbuild, keepNames) would wrap named functions of a compiled callback in
// a __name() helper that does not exist in the page.
const ARM_SOURCE = `(want) => {
  const timing = { start: 0, end: 0 };
  window.__sluiceTiming = timing;
  const onSubmit = () => {
    timing.start = performance.now();
    document.removeEventListener('submit', onSubmit, true);
  };
  document.addEventListener('submit', onSubmit, true);
  const shows = () =>
    (document.querySelector('table.items tbody tr:first-child a')?.getAttribute('href') ?? '') ===
      '#/items/' + want.firstId && document.querySelectorAll('table.items tbody tr').length === want.count;
  const observer = new MutationObserver(() => {
    if (timing.start === 0 || !shows()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      timing.end = performance.now();
    });
  });
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['href'],
  });
}`;

/** Arms the clock: the next form submission starts it, the table showing `expected` stops it. */
export async function armTiming(page: Page, expected: ExpectedRows): Promise<void> {
  await page.evaluate(`(${ARM_SOURCE})(${JSON.stringify(expected)})`);
}

/** Waits for the armed clock to stop; milliseconds from submission to the rendered rows. */
export async function elapsed(page: Page, timeoutMs = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const timing = (globalThis as { __sluiceTiming?: { start: number; end: number } }).__sluiceTiming;
      return timing && timing.end > 0 ? timing.end - timing.start : 0;
    },
    undefined,
    { timeout: timeoutMs, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}
