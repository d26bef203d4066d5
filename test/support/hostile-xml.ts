// XML documents that attack the parser instead of carrying content: entity expansion ("billion laughs",
// quadratic blow-up) and external entities (local files, URLs, parameter entities). `probe` is a URL of a real
// server the test watches: a parser that fetched an external entity would hit it.

/** Ten levels of ten references: 10^9 "lol"s (3 GB) if expanded. */
const LAUGHS = [
  '<!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
].join('\n');

/** One 100 kB entity referenced 10,000 times: 1 GB if expanded, without any nesting. */
const QUADRATIC = `<!ENTITY big "${'x'.repeat(100_000)}">`;

export interface HostileXml {
  name: string;
  /** The document. */
  xml: string;
}

function external(probe: string): string {
  return `<!ENTITY file SYSTEM "file:///etc/passwd">
<!ENTITY remote SYSTEM "${probe}/entity">
<!ENTITY % param SYSTEM "${probe}/dtd">
%param;`;
}

/** Feeds (RSS, Atom, RDF) carrying each attack, in a title and a description. */
export function hostileFeeds(probe: string): HostileXml[] {
  const attacks: Array<[string, string, string]> = [
    ['billion laughs', LAUGHS, '&lol9;'],
    ['quadratic blow-up', QUADRATIC, '&big;'.repeat(10_000)],
    ['external entities', external(probe), '&file; &remote;'],
  ];
  const documents: HostileXml[] = [];
  for (const [attack, dtd, use] of attacks) {
    documents.push({
      name: `RSS ${attack}`,
      xml: `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${dtd}\n]>\n<rss version="2.0"><channel><title>t ${use}</title><link>https://example.org/</link><description>d</description><item><title>item ${use}</title><guid>g1</guid><description>${use}</description></item></channel></rss>`,
    });
    documents.push({
      name: `Atom ${attack}`,
      xml: `<?xml version="1.0"?>\n<!DOCTYPE feed [\n${dtd}\n]>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id><updated>2026-01-01T00:00:00Z</updated><entry><id>urn:e1</id><title>entry ${use}</title><updated>2026-01-01T00:00:00Z</updated><summary>${use}</summary></entry></feed>`,
    });
    documents.push({
      name: `RDF ${attack}`,
      xml: `<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n${dtd}\n]>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://example.org/"><title>t</title><link>https://example.org/</link></channel><item rdf:about="https://example.org/1"><title>item ${use}</title><link>https://example.org/1</link><description>${use}</description></item></rdf:RDF>`,
    });
    // Not a valid feed for a strict parser (no channel title, no version): whatever lenient path reads it gets the attack too.
    documents.push({
      name: `ill-formed RSS ${attack}`,
      xml: `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${dtd}\n]>\n<rss><channel><item><title>item ${use}</title><description>${use}</description></item></channel>`,
    });
  }
  return documents;
}

/** OPML feed lists carrying each attack, in an outline's xmlUrl and text. */
export function hostileOpml(probe: string): HostileXml[] {
  const attacks: Array<[string, string, string]> = [
    ['billion laughs', LAUGHS, '&lol9;'],
    ['quadratic blow-up', QUADRATIC, '&big;'.repeat(10_000)],
    ['external entities', external(probe), '&remote;'],
  ];
  return attacks.map(([attack, dtd, use]) => ({
    name: `OPML ${attack}`,
    xml: `<?xml version="1.0"?>\n<!DOCTYPE opml [\n${dtd}\n]>\n<opml version="2.0"><head><title>t</title></head><body><outline text="${use}" xmlUrl="${probe}/feed?x=${use}"/><outline text="plain" xmlUrl="${probe}/plain-feed"/></body></opml>`,
  }));
}

/** True when a string shows any sign of an expanded attack. */
export function looksExpanded(value: string): boolean {
  return value.includes('lollollol') || value.includes('x'.repeat(200_000)) || /root:.*:0:0:/.test(value);
}
