// Full-page boilerplate removal with Mozilla Readability (Firefox Reader View) on a linkedom DOM. It is the
// only maintained boilerplate remover for Node, and it is slow (a DOM per page: ~5–30 ms for a 20 KB page,
// ~4 large pages/s), so the transformer uses it only for full pages without an <article>/<main> landmark
// (settings.readable_extraction = auto) where the streaming extractor cannot tell content from furniture.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractText } from './html-text.js';

/** Readability's minimum article length (characters) before it widens its search. */
const CHAR_THRESHOLD = 200;

/** The main content's text, paragraphs kept; undefined when Readability finds nothing (or fails). */
export function readableText(html: string): string | undefined {
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document as never, { charThreshold: CHAR_THRESHOLD }).parse();
    if (!article?.content) return undefined;
    const text = extractText(article.content).text;
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}
