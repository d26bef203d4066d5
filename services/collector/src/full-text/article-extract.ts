// The article of a fetched page (fetch_full_text, docs/sources.md): the elements a per-domain CSS selector rule
// names, else Mozilla Readability's article (Firefox Reader View), both on a linkedom DOM. Pure: HTML in, HTML out.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface SelectorRule {
  /** The page's host or a parent domain of it ("example.com" also covers "www.example.com"). */
  domain: string;
  /** CSS selector of the article's element(s) on that domain's pages. */
  selector: string;
}

export interface ExtractedArticle {
  html: string;
  /** How it was found: a configured rule, or Readability. */
  via: 'selector' | 'readability';
}

/** Articles shorter than this (characters of text) are not taken: a cookie wall or an error page, not the story. */
export const MIN_ARTICLE_CHARACTERS = 200;

/** True when `selector` parses as a CSS selector (checked at start-up, so a bad rule is a config error). */
export function isValidSelector(selector: string): boolean {
  try {
    parseHTML('<html><body></body></html>').document.querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** The rule for `host`: the one with the longest matching domain. */
export function ruleFor(host: string, rules: readonly SelectorRule[]): SelectorRule | undefined {
  const lower = host.toLowerCase();
  let best: SelectorRule | undefined;
  for (const rule of rules) {
    const domain = rule.domain.toLowerCase();
    if ((lower === domain || lower.endsWith(`.${domain}`)) && domain.length > (best?.domain.length ?? -1)) best = rule;
  }
  return best;
}

function bySelector(html: string, selector: string): string | undefined {
  const { document } = parseHTML(html);
  const parts = [...document.querySelectorAll(selector)].filter((e) => (e.textContent ?? '').trim() !== '');
  const text = parts.map((e) => e.textContent ?? '').join(' ');
  return text.trim().length >= MIN_ARTICLE_CHARACTERS ? parts.map((e) => e.outerHTML).join('\n') : undefined;
}

function byReadability(html: string): string | undefined {
  const { document } = parseHTML(html);
  const article = new Readability(document as never, { charThreshold: MIN_ARTICLE_CHARACTERS }).parse();
  if (!article?.content || (article.textContent ?? '').trim().length < MIN_ARTICLE_CHARACTERS) return undefined;
  return article.content;
}

/** The page's article, or undefined when neither the domain's rule nor Readability finds one. Never throws. */
export function extractArticle(
  html: string,
  pageUrl: string,
  rules: readonly SelectorRule[],
): ExtractedArticle | undefined {
  try {
    const rule = ruleFor(new URL(pageUrl).hostname, rules);
    if (rule) {
      const selected = bySelector(html, rule.selector);
      if (selected !== undefined) return { html: selected, via: 'selector' };
    }
    const readable = byReadability(html);
    return readable === undefined ? undefined : { html: readable, via: 'readability' };
  } catch {
    return undefined;
  }
}
