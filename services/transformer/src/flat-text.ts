// Text of a document too deeply nested to parse (see @sluice/content markup-depth): script, style, svg,
// iframe and the like are cut out, every tag is dropped, entities are decoded. One linear pass; only such
// pathological documents come here, real pages never nest this deep.
import { decodeHTML } from 'entities';

// The elements html-text.ts skips whose content is never text for a reader.
const HIDDEN_OPEN = /<(script|style|noscript|template|svg|math|iframe|object|textarea|select|title|head)\b/gi;
const TAG = /<[^<>]*>/g;

export function flatText(html: string): string {
  const kept: string[] = [];
  let at = 0;
  HIDDEN_OPEN.lastIndex = 0;
  for (let open = HIDDEN_OPEN.exec(html); open; open = HIDDEN_OPEN.exec(html)) {
    kept.push(html.slice(at, open.index));
    const close = new RegExp(`</${open[1]}\\s*>`, 'gi');
    close.lastIndex = HIDDEN_OPEN.lastIndex;
    const end = close.exec(html);
    // Unclosed: the rest of the document belongs to the element, as in a browser.
    at = end ? close.lastIndex : html.length;
    HIDDEN_OPEN.lastIndex = at;
  }
  kept.push(html.slice(at));
  return decodeHTML(kept.join(' ').replace(TAG, ' '));
}
