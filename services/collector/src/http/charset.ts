// Bytes to text for feeds and APIs. Parsers only see strings, and none of them honours an encoding that
// is declared only in the XML prolog, so the collector decodes. Order: a BOM (unambiguous) → the byte
// pattern of UTF-16/32 without a BOM (XML 1.0 appendix F: `<` as 2 or 4 bytes) → the HTTP charset → the XML
// prolog → UTF-8 when the bytes are valid UTF-8, else windows-1252. A declaration that the bytes contradict
// is skipped: a declared UTF-8 that is not valid UTF-8, a declared UTF-16/32 without its null bytes, and a
// declared single-byte charset (ISO-8859-1, windows-125x, …) over bytes that are valid, non-ASCII UTF-8
// (published feeds get this wrong far more often than UTF-8 byte sequences occur in Latin-1 text by chance).
import iconv from 'iconv-lite';

/** Where the encoding came from: for logs and tests. */
export type CharsetSource = 'bom' | 'sniff' | 'http' | 'prolog' | 'default';

// WHATWG Encoding: these labels mean windows-1252 (its C1 range holds the curly quotes Latin-1 text uses).
const WINDOWS_1252_ALIASES = new Set([
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'iso_8859-1',
  'cp819',
  'ibm819',
]);
const SINGLE_BYTE =
  /^(?:iso-?8859-\d+|iso_8859-\d+|windows-125\d|cp125\d|latin\d|l\d|koi8-[ru]|mac(?:intosh|roman)?|us-ascii|ascii|cp819|ibm819)$/;

function normalize(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const name = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!name || !iconv.encodingExists(name)) return undefined;
  return WINDOWS_1252_ALIASES.has(name) ? 'windows-1252' : name;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = contentType ? /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType) : null;
  return match?.[2];
}

function bomEncoding(b: Uint8Array): { encoding: string; length: number } | undefined {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', length: 4 };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16/32 without a BOM, from where the null bytes of the first (ASCII) character fall. */
function nullPatternEncoding(b: Uint8Array): string | undefined {
  if (b.length < 4) return undefined;
  const zero = [b[0] === 0, b[1] === 0, b[2] === 0, b[3] === 0];
  if (zero[0] && zero[1] && zero[2] && !zero[3]) return 'utf-32be';
  if (!zero[0] && zero[1] && zero[2] && zero[3]) return 'utf-32le';
  if (zero[0] && !zero[1] && zero[2] && !zero[3]) return 'utf-16be';
  if (!zero[0] && zero[1] && !zero[2] && zero[3]) return 'utf-16le';
  return undefined;
}

function prologEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  return /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
/** The bytes as UTF-8 text (BOM dropped), or undefined when they are not valid UTF-8. */
function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** The encoding used to decode, and why. */
export function detectCharset(bytes: Uint8Array, contentType?: string): { encoding: string; from: CharsetSource } {
  const { encoding, from } = detect(bytes, contentType);
  return { encoding, from };
}

/** Detection, with the text when checking for UTF-8 already decoded it (so the fast path decodes once). */
function detect(bytes: Uint8Array, contentType?: string): { encoding: string; from: CharsetSource; text?: string } {
  const bom = bomEncoding(bytes);
  if (bom) return { encoding: bom.encoding, from: 'bom' };
  const wide = nullPatternEncoding(bytes);
  if (wide) return { encoding: wide, from: 'sniff' };
  let checked = false;
  let text: string | undefined;
  const asUtf8 = () => {
    if (!checked) [checked, text] = [true, utf8Text(bytes)];
    return text;
  };
  const declared: Array<[string | undefined, CharsetSource]> = [
    [normalize(charsetFromContentType(contentType)), 'http'],
    [normalize(prologEncoding(bytes)), 'prolog'],
  ];
  for (const [encoding, from] of declared) {
    if (!encoding) continue;
    if (/^utf-?(?:16|32)|^ucs-?[24]/.test(encoding)) continue; // no null bytes where they would be
    if (/^utf-?8$/.test(encoding)) {
      if (asUtf8() !== undefined) return { encoding: 'utf-8', from, text };
      continue;
    }
    if (SINGLE_BYTE.test(encoding) && hasNonAscii(bytes) && asUtf8() !== undefined)
      return { encoding: 'utf-8', from: 'sniff', text };
    return { encoding, from };
  }
  if (asUtf8() !== undefined) return { encoding: 'utf-8', from: 'default', text };
  return { encoding: 'windows-1252', from: 'sniff' };
}

export function decodeBody(bytes: Uint8Array, contentType?: string): string {
  const { encoding, text: decoded } = detect(bytes, contentType);
  const text = decoded ?? iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
