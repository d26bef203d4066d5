// HTML → plain text in one streaming pass of htmlparser2 (fb55; the parser html-to-text is built on):
// entities decoded, scripts/styles/navigation/forms/asides skipped, block elements become paragraph
// breaks. html-to-text produced the same text but was 4–10× slower (docs/decisions.md), and this stage must
// keep up with 50,000 items/min on two cores.
//
// Boilerplate cut: when the document has an <article> (else a <main>, else role="main") with enough text,
// only the first one is returned; otherwise the whole body. Elements whose class/id/role say they are
// navigation, sidebars, share bars, cookie banners, comments or ads are skipped. Pages without any such
// landmark can go through Readability (readable-text.ts), which is slower and used only for them.
import { nestsDeeperThan } from '@sluice/content';
import { Parser } from 'htmlparser2';
import { flatText } from './flat-text.js';
import { normalizeLine, normalizeWhitespace } from './whitespace.js';

// htmlparser2's cost grows with the square of the nesting depth, so a document that nests deeper than any real
// page is flattened (tags stripped) instead of parsed. Shorter documents cannot nest deep enough to matter.
const DEPTH_CHECK_CHARACTERS = 64 * 1024;
const tooDeep = (html: string) => html.length > DEPTH_CHECK_CHARACTERS && nestsDeeperThan(html);

/** Elements whose whole content is never text for a reader. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'picture',
  'nav',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  'option',
  'textarea',
  'dialog',
]);

/** Elements that start and end a paragraph. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'dl',
  'dd',
  'dt',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
  'address',
  'details',
  'summary',
  'fieldset',
  'hr',
  'center',
  'body',
  'html',
]);
const LINE_BREAKS = new Set(['br', 'li', 'caption']);

/** class/id/role values of page furniture (matched as whole words or word prefixes). */
const BOILERPLATE =
  /(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|sidebar|side-bar|share|sharing|social|cookie|cookies|consent|newsletter|subscribe|promo|advert|advertisement|ads?|banner|related|recommended|comments?|disqus|popup|modal|skip-link|masthead|site-header|site-footer|footer)(?:$|[\s_-])/i;
const BOILERPLATE_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'search',
  'dialog',
  'alert',
  'menu',
  'menubar',
]);

/** A landmark's text counts when it has at least this many characters (a stray empty <main> does not). */
const MIN_LANDMARK_CHARS = 80;

export interface ExtractedText {
  text: string;
  /** Which part of the document the text comes from. */
  from: 'article' | 'main' | 'body';
  /** The document is a full page (<html> or <body>) without an article or main landmark. */
  fullPageWithoutLandmark: boolean;
}

interface Region {
  parts: string[];
  depth: number;
  done: boolean;
}

function isBoilerplate(attributes: Record<string, string>): boolean {
  const role = attributes.role;
  if (role && BOILERPLATE_ROLES.has(role.toLowerCase())) return true;
  if (attributes['aria-hidden'] === 'true' || attributes.hidden !== undefined) return true;
  const marker = `${attributes.class ?? ''} ${attributes.id ?? ''}`;
  return marker.length > 1 && BOILERPLATE.test(marker);
}

/** Text of an HTML fragment or page with the landmark rules above. */
export function extractText(html: string): ExtractedText {
  if (tooDeep(html)) return { text: normalizeWhitespace(flatText(html)), from: 'body', fullPageWithoutLandmark: false };
  const all: string[] = [];
  const article: Region = { parts: [], depth: 0, done: false };
  const main: Region = { parts: [], depth: 0, done: false };
  let skipDepth = 0;
  let fullPage = false;
  // Per open element: 1 = opened a skip, 2 = opened the article, 4 = opened the main landmark. The parser
  // reports implied closes too, so the stack stays balanced on broken markup.
  const stack: number[] = [];

  const emit = (text: string): void => {
    all.push(text);
    if (article.depth > 0 && !article.done) article.parts.push(text);
    if (main.depth > 0 && !main.done) main.parts.push(text);
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (skipDepth > 0 || SKIPPED.has(name) || isBoilerplate(attributes)) {
          stack.push(1);
          skipDepth += 1;
          return;
        }
        let flags = 0;
        if (name === 'html' || name === 'body') fullPage = true;
        if (name === 'article' && !article.done) {
          article.depth += 1;
          flags |= 2;
        }
        if ((name === 'main' || attributes.role === 'main') && !main.done) {
          main.depth += 1;
          flags |= 4;
        }
        stack.push(flags);
        if (BLOCKS.has(name)) emit('\n\n');
        else if (name === 'li') emit('\n- ');
        else if (LINE_BREAKS.has(name)) emit('\n');
        else if (name === 'img' && attributes.alt) emit(` ${attributes.alt} `);
      },
      ontext(text) {
        if (skipDepth === 0) emit(text);
      },
      onclosetag(name) {
        const flags = stack.pop() ?? 0;
        if (flags & 1) {
          skipDepth -= 1;
          return;
        }
        if (BLOCKS.has(name)) emit('\n\n');
        else if (name === 'td' || name === 'th') emit(' ');
        // The first landmark with enough text wins; a nearly empty one is forgotten and the next is tried.
        if (flags & 2 && --article.depth === 0) {
          article.done = joinedLength(article.parts) >= MIN_LANDMARK_CHARS;
          if (!article.done) article.parts = [];
        }
        if (flags & 4 && --main.depth === 0) {
          main.done = joinedLength(main.parts) >= MIN_LANDMARK_CHARS;
          if (!main.done) main.parts = [];
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();

  if (joinedLength(article.parts) >= MIN_LANDMARK_CHARS)
    return { text: normalizeWhitespace(article.parts.join('')), from: 'article', fullPageWithoutLandmark: false };
  if (joinedLength(main.parts) >= MIN_LANDMARK_CHARS)
    return { text: normalizeWhitespace(main.parts.join('')), from: 'main', fullPageWithoutLandmark: false };
  return { text: normalizeWhitespace(all.join('')), from: 'body', fullPageWithoutLandmark: fullPage };
}

function joinedLength(parts: string[]): number {
  let length = 0;
  for (const part of parts) if (part.trim() !== '') length += part.length;
  return length;
}

// Something an HTML parser would change: a tag or an entity. Most feed titles have neither.
const MARKUP = /<[a-zA-Z!/?]|&(?:[a-zA-Z][a-zA-Z0-9]{1,31};?|#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?)/;

export function looksLikeHtml(text: string): boolean {
  return MARKUP.test(text);
}

/** Plain text of an HTML fragment or page, paragraphs kept. Plain input passes through (whitespace normalized). */
export function htmlToText(html: string): string {
  if (html === '') return '';
  if (!looksLikeHtml(html)) return normalizeWhitespace(html);
  return extractText(html).text;
}

/** One-line plain text (title, summary) from HTML or text. */
export function htmlToLine(html: string): string {
  if (html === '') return '';
  if (!looksLikeHtml(html)) return normalizeLine(html);
  if (tooDeep(html)) return normalizeLine(flatText(html));
  const texts: string[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (skipDepth > 0 || SKIPPED.has(name)) skipDepth += 1;
        else if (BLOCKS.has(name) || LINE_BREAKS.has(name)) texts.push(' ');
      },
      ontext(text) {
        if (skipDepth === 0) texts.push(text);
      },
      onclosetag(name) {
        if (skipDepth > 0) skipDepth -= 1;
        else if (BLOCKS.has(name)) texts.push(' ');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return normalizeLine(texts.join(''));
}
