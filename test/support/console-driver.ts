// What the console's browser test does to the page and the API besides its assertions: log in, move by keyboard,
// call the API directly (to compare what the page shows with what the server holds), and capture a page (a
// screenshot plus the automated accessibility check).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from './accessibility.js';

/**
 * Where screenshots go: $SLUICE_CONSOLE_SCREENSHOTS, else .data/console-screenshots (ignored by git; every run
 * overwrites them). docs/console/ holds the committed copies docs/console.md shows.
 */
export function screenshotDirectory(): string {
  const configured = process.env.SLUICE_CONSOLE_SCREENSHOTS;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const directory = configured ? path.resolve(configured) : path.join(root, '.data', 'console-screenshots');
  mkdirSync(directory, { recursive: true });
  return directory;
}

export interface ApiAnswer {
  status: number;
  body: any;
}

export class ConsoleDriver {
  readonly screenshots = screenshotDirectory();
  /** Accessibility violations per captured page (the test expects none). */
  readonly violations = new Map<string, string[]>();

  constructor(
    readonly page: Page,
    readonly base: string,
    readonly key: string,
  ) {}

  async api(method: string, url: string, body?: unknown, key = this.key): Promise<ApiAnswer> {
    const response = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async login(key: string): Promise<void> {
    await this.page.goto(`${this.base}/console/`);
    await this.page.getByLabel('API key').fill(key);
    await this.page.getByRole('button', { name: 'Log in' }).click();
    await this.page.getByRole('navigation', { name: 'Pages', exact: true }).waitFor();
  }

  /** A screenshot of the page as it is, and axe's findings for it (kept in `violations`). */
  async capture(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(this.screenshots, `${name}.png`), fullPage: false });
    await this.checkAccessibility(name);
  }

  async checkAccessibility(name: string): Promise<void> {
    this.violations.set(name, await accessibilityViolations(this.page));
  }

  /** The focused element: its id, tag, accessible text and whether a focus outline is drawn. */
  focused(): Promise<{ id: string; tag: string; text: string; outline: string }> {
    interface Focusable {
      id: string;
      tagName: string;
      textContent: string | null;
      getAttribute(name: string): string | null;
    }
    // The test project has no DOM types: the page's globals, as far as used here.
    interface PageGlobals {
      document: { activeElement: Focusable | null };
      getComputedStyle(el: Focusable): { outlineStyle: string; outlineWidth: string };
    }
    return this.page.evaluate(() => {
      const win = globalThis as unknown as PageGlobals;
      const el = win.document.activeElement;
      const style = el ? win.getComputedStyle(el) : null;
      return {
        id: el?.id ?? '',
        tag: el?.tagName.toLowerCase() ?? '',
        text: (el?.getAttribute('aria-label') || el?.textContent || '').trim(),
        outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
      };
    });
  }

  /** Presses Tab until the focused element's id or text matches (at most `limit` presses); fails otherwise. */
  async tabTo(target: { id?: string; text?: RegExp }, limit = 60): Promise<void> {
    for (let i = 0; i < limit; i += 1) {
      await this.page.keyboard.press('Tab');
      const now = await this.focused();
      if ((target.id && now.id === target.id) || (target.text && target.text.test(now.text))) return;
    }
    throw new Error(`Tab never reached ${target.id ?? target.text} in ${limit} presses`);
  }
}
