// Automated WCAG 2.1 A/AA checks of the page a browser test is on, with axe-core (Deque; docs/decisions.md):
// labels and names, contrast, landmarks, ARIA use. axe is injected through the DevTools protocol (page.evaluate),
// which the console's strict Content-Security-Policy does not apply to, so the page is checked as served.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};

// The test project has no DOM types: the page's globals, as far as used here.
interface AxeWindow {
  axe?: { run(context: unknown, options: RunOptions): Promise<AxeResults> };
  document: unknown;
}

/** Every WCAG 2.1 A/AA violation axe finds on the page, one line each ("rule (impact): help — selectors"). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(async (options) => {
    const win = globalThis as unknown as AxeWindow;
    const result = await win.axe!.run(win.document, options);
    return result.violations.map(
      (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  }, OPTIONS);
}
