// How deeply a markup document nests, in one linear scan. htmlparser2 keeps its open-element stack with
// Array.unshift, so parsing N nested elements costs O(N²): 200,000 nested <div>s take close to a minute.
// Callers check the depth first and treat deeper documents differently (refuse, or strip tags).

/** Nesting beyond this is never a real page or feed (browsers flatten the DOM beyond 512). */
export const MAX_MARKUP_DEPTH = 1000;

// `[^<>]` keeps the scan linear: a tag that never closes is given up at the next `<`.
const TAG = /<(\/?)([A-Za-z][^\s/<>]*)[^<>]*?(\/?)>/g;
// HTML void elements never open (and `<link>…</link>` of RSS neither opens nor closes here).
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** True when start tags nest deeper than `limit` (unclosed start tags count as open). */
export function nestsDeeperThan(markup: string, limit = MAX_MARKUP_DEPTH): boolean {
  if (markup.length < limit * 3) return false; // cannot hold `limit` start tags
  let depth = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(markup); match; match = TAG.exec(markup)) {
    if (match[3] || VOID.has(match[2]!.toLowerCase())) continue;
    if (match[1]) depth = depth > 0 ? depth - 1 : 0;
    else if (++depth > limit) return true;
  }
  return false;
}
