// The lenient path for feed documents the strict parser rejects (or reads no item from): htmlparser2 in XML
// mode builds a tree from any markup, however broken (unclosed or mis-nested tags, bare `&`, HTML entities,
// a missing root or channel title), and every outermost element whose local name is `item` or `entry` (any
// namespace, any case: RSS 0.9x–2.0, RDF, Atom 0.3/1.0, CDF `<ITEM>`) becomes an item. Content comes from
// `content:encoded`, Atom `content`, `xhtml:body`, `fullitem`, then the summary elements. JSON documents
// with an `items` array are read as JSON Feed whatever their version says.
//
// Entities: only the predefined and HTML named/numeric entities are decoded; a DTD is never read, so
// internal entities stay unexpanded (`&xxe;` is kept as text) and external ones are never fetched.
import { MAX_MARKUP_DEPTH, nestsDeeperThan } from '@sluice/content';
import { decodeHTML } from 'entities';
import { DomUtils, parseDocument } from 'htmlparser2';
import { resolveUrl, type FoundItem } from '../raw-item.js';

type Document = ReturnType<typeof parseDocument>;
type Node = Document['children'][number];
type Element = Parameters<typeof DomUtils.getAttributeValue>[0];

export type LenientFormat = 'rss' | 'rdf' | 'atom' | 'cdf' | 'json_feed';

export interface LenientFeed {
  format: LenientFormat;
  title: string;
  items: FoundItem[];
}

/** Why the lenient path found nothing: thrown as the message of a parse error. */
export class NoItemsFound extends Error {
  override readonly name = 'NoItemsFound';
}

const ITEM_NAMES = new Set(['item', 'entry']);
const CONTENT_NAMES = ['encoded', 'content', 'body', 'fullitem'];
const SUMMARY_NAMES = ['description', 'summary', 'abstract', 'subtitle'];
const DATE_NAMES = ['pubdate', 'published', 'issued', 'created', 'date', 'updated', 'modified', 'lastbuilddate'];
const ID_NAMES = ['guid', 'id', 'identifier'];

const isElement = (node: Node): node is Element => DomUtils.isTag(node);
const localName = (name: string): string => name.slice(name.lastIndexOf(':') + 1).toLowerCase();

function attr(element: Element, name: string): string | undefined {
  const attributes = element.attribs;
  if (name in attributes) return attributes[name];
  for (const key of Object.keys(attributes))
    if (key.toLowerCase() === name || localName(key) === name) return attributes[key];
  return undefined;
}

function childElements(element: Element | Document): Element[] {
  return (element.children as Node[]).filter(isElement);
}

/** The first direct child whose local name is one of `names`, in the order of `names`. */
function child(element: Element, names: string[]): Element | undefined {
  const children = childElements(element);
  for (const name of names) {
    const found = children.find((c) => localName(c.name) === name);
    if (found) return found;
  }
  return undefined;
}

/** Plain text: entities decoded in text, CDATA taken as is, child elements' text included. */
function textOf(node: Node): string {
  if (DomUtils.isText(node)) return decodeHTML(node.data);
  if (DomUtils.isCDATA(node)) return node.children.map((c) => (DomUtils.isText(c) ? c.data : '')).join('');
  if (isElement(node)) return node.children.map(textOf).join('');
  return '';
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

/** Inline XHTML as HTML: namespace prefixes dropped, text kept as written (entities stay escaped). */
function serialize(node: Node): string {
  if (DomUtils.isText(node)) return node.data;
  if (DomUtils.isCDATA(node)) return escapeText(textOf(node));
  if (!isElement(node)) return '';
  const name = localName(node.name);
  const attributes = Object.entries(node.attribs)
    .filter(([key]) => !key.startsWith('xmlns') && !/^on/i.test(key))
    .map(([key, value]) => ` ${localName(key)}="${escapeAttribute(decodeHTML(value))}"`)
    .join('');
  return `<${name}${attributes}>${node.children.map(serialize).join('')}</${name}>`;
}

/** An element holding HTML: escaped HTML (text or CDATA) as written, or embedded XHTML serialized. */
function htmlOf(element: Element): string {
  const mode = attr(element, 'mode');
  if (mode === 'base64') return Buffer.from(textOf(element), 'base64').toString('utf8');
  return element.children.some(isElement) ? element.children.map(serialize).join('') : textOf(element);
}

const trimmed = (value: string | undefined): string | undefined => {
  const text = value?.trim();
  return text ? text : undefined;
};

function linkOf(item: Element, base: string): string | undefined {
  const links = childElements(item).filter((c) => localName(c.name) === 'link');
  const withHref = links.filter((l) => attr(l, 'href'));
  const alternate = withHref.find((l) => !attr(l, 'rel') || attr(l, 'rel') === 'alternate') ?? withHref[0];
  const candidates = [
    alternate && attr(alternate, 'href'),
    ...links.map((l) => trimmed(textOf(l))),
    attr(item, 'href'), // CDF: <ITEM HREF="…">
    attr(item, 'about'), // RDF: rdf:about
  ];
  const guid = child(item, ['guid']);
  if (guid && attr(guid, 'ispermalink') !== 'false') candidates.push(trimmed(textOf(guid)));
  for (const candidate of candidates) {
    const url = resolveUrl(candidate, base);
    if (url) return url;
  }
  return trimmed(candidates.find((c) => trimmed(c) !== undefined)); // unusable: buildItem dead-letters it
}

function authorOf(item: Element): string | undefined {
  const author = child(item, ['author', 'creator', 'contributor']);
  if (!author) return undefined;
  const name = child(author, ['name']);
  return trimmed(textOf(name ?? author));
}

function tagsOf(item: Element): string[] {
  return childElements(item)
    .filter((c) => ['category', 'subject', 'keywords'].includes(localName(c.name)))
    .map((c) => trimmed(attr(c, 'term') ?? attr(c, 'label') ?? textOf(c)))
    .filter((t): t is string => t !== undefined);
}

function readItem(item: Element, base: string, format: LenientFormat): FoundItem {
  const itemBase = resolveUrl(attr(item, 'xml:base'), base) || base;
  const title = child(item, ['title']);
  const content = child(item, CONTENT_NAMES);
  const summary = child(item, SUMMARY_NAMES);
  const date = child(item, DATE_NAMES);
  const id = child(item, ID_NAMES);
  return {
    externalId: trimmed(id && textOf(id)) ?? attr(item, 'about'),
    url: linkOf(item, itemBase),
    title: title && textOf(title),
    summary: summary && htmlOf(summary),
    content: content && htmlOf(content),
    contentType: content && attr(content, 'type') === 'text' ? 'text/plain' : 'text/html',
    author: authorOf(item),
    published: trimmed(date && textOf(date)) ?? attr(item, 'lastmod'),
    tags: tagsOf(item),
    sourceKind: format,
  };
}

/** Item/entry elements in document order; nested ones too (an unclosed item holds the ones after it). */
function findItems(nodes: Node[], found: Element[] = []): Element[] {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (ITEM_NAMES.has(localName(node.name))) found.push(node);
    findItems(node.children as Node[], found);
  }
  return found;
}

// Start tags of items and entries, in any namespace and case.
const ITEM_TAG = /<(?:[\w.-]+:)?(?:item|entry)[\s>/]/gi;

/** How many item/entry start tags the document has: a linear scan to check the strict parser's count. */
export function countItemTags(body: string): number {
  ITEM_TAG.lastIndex = 0;
  let count = 0;
  while (ITEM_TAG.exec(body)) count += 1;
  return count;
}

function formatOf(root: Element | undefined, items: Element[]): LenientFormat {
  const name = root ? localName(root.name) : '';
  if (name === 'rss') return 'rss';
  if (name === 'rdf') return 'rdf';
  if (name === 'feed') return 'atom';
  if (name === 'channel' && root && attr(root, 'href') !== undefined) return 'cdf';
  return items[0] && localName(items[0].name) === 'entry' ? 'atom' : 'rss';
}

function channelOf(root: Element | undefined): Element | undefined {
  if (!root) return undefined;
  return localName(root.name) === 'channel' ? root : (child(root, ['channel']) ?? root);
}

function siteLink(channel: Element | undefined, base: string): string {
  if (!channel) return base;
  const links = childElements(channel).filter((c) => localName(c.name) === 'link');
  for (const link of links) {
    const href = attr(link, 'href');
    const rel = attr(link, 'rel');
    const url = resolveUrl(href ? (!rel || rel === 'alternate' ? href : undefined) : trimmed(textOf(link)), base);
    if (url) return url;
  }
  return resolveUrl(attr(channel, 'href'), base) || base;
}

function readJsonFeed(body: string, fetchedUrl: string): LenientFeed {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    throw new NoItemsFound(`not JSON: ${(error as Error).message}`);
  }
  const feed = (document && typeof document === 'object' ? document : {}) as Record<string, unknown>;
  const list = Array.isArray(document) ? document : feed.items;
  if (!Array.isArray(list) || list.length === 0) throw new NoItemsFound('a JSON document without an items array');
  const str = (value: unknown) =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  const base = resolveUrl(str(feed.home_page_url), fetchedUrl) || fetchedUrl;
  const items = list.map((entry): FoundItem => {
    const item = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
    const author = (Array.isArray(item.authors) ? item.authors[0] : item.author) as Record<string, unknown> | undefined;
    const html = str(item.content_html);
    return {
      externalId: str(item.id),
      url: resolveUrl(str(item.url) ?? str(item.external_url), base) || str(item.url),
      title: str(item.title),
      summary: str(item.summary),
      content: html ?? str(item.content_text),
      contentType: html ? 'text/html' : 'text/plain',
      author: author && typeof author === 'object' ? str(author.name) : undefined,
      published: str(item.date_published) ?? str(item.date_modified),
      tags: Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [],
      language: str(item.language),
      sourceKind: 'json_feed',
    };
  });
  return { format: 'json_feed', title: str(feed.title) ?? '', items };
}

/** Items of a document the strict parser could not read; throws NoItemsFound when there are none. */
export function parseFeedLeniently(body: string, fetchedUrl: string): LenientFeed {
  const start = body.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return readJsonFeed(start, fetchedUrl);
  if (nestsDeeperThan(body)) throw new NoItemsFound(`elements nest deeper than ${MAX_MARKUP_DEPTH} levels`);
  const document = parseDocument(body, {
    xmlMode: true,
    decodeEntities: false,
    recognizeCDATA: true,
    recognizeSelfClosing: true,
  });
  const root = childElements(document)[0];
  const elements = findItems(document.children as Node[]);
  if (elements.length === 0) throw new NoItemsFound('no item or entry elements');
  const format = formatOf(root, elements);
  const channel = channelOf(root);
  const base = resolveUrl(root && attr(root, 'xml:base'), fetchedUrl) || fetchedUrl;
  const site = siteLink(channel, base);
  const title = channel && child(channel, ['title']);
  return {
    format,
    title: trimmed(title && textOf(title)) ?? '',
    items: elements.map((element) => readItem(element, format === 'atom' ? base : site, format)),
  };
}
