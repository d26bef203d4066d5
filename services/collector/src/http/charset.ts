// Bytes to text for feeds and APIs. Parsers only see strings, and none of them honours an encoding that
// is declared only in the XML prolog, so the collector decodes: BOM → HTTP charset → XML prolog → UTF-8
// (a BOM is unambiguous; a declared UTF-8 that is not valid UTF-8 yields to the prolog's declaration).
import iconv from 'iconv-lite';

function normalize(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const name = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!name) return undefined;
  return iconv.encodingExists(name) ? name : undefined;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = contentType ? /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType) : null;
  return match?.[2];
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function prologEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  return /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The encoding used to decode, and why (for logs and tests). */
export function detectCharset(bytes: Uint8Array, contentType?: string): { encoding: string; from: 'bom' | 'http' | 'prolog' | 'default' } {
  const bom = bomEncoding(bytes);
  if (bom) return { encoding: bom, from: 'bom' };
  const http = normalize(charsetFromContentType(contentType));
  const prolog = normalize(prologEncoding(bytes));
  if (http && !(http.replace('-', '') === 'utf8' && prolog && !isValidUtf8(bytes))) return { encoding: http, from: 'http' };
  if (prolog) return { encoding: prolog, from: 'prolog' };
  return { encoding: 'utf-8', from: 'default' };
}

export function decodeBody(bytes: Uint8Array, contentType?: string): string {
  const { encoding } = detectCharset(bytes, contentType);
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
