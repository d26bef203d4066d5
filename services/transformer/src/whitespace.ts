// Whitespace normalization shared by every text field: Unicode NFC, invisible characters removed, runs of
// spaces collapsed, at most one blank line between paragraphs. Lone surrogates (from JSON \ud800 escapes)
// become U+FFFD, so every text field is well-formed Unicode.

// Zero-width space/joiners, word joiner, BOM, soft hyphen: invisible, and they split words for hashing.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Every horizontal space, including no-break and the typographic spaces (U+2000..U+200A, U+202F, U+205F, U+3000).
const HORIZONTAL = /[ \t\f\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
// C0/C1 control characters other than \n and \t.
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

/** Multi-line text: paragraphs separated by one blank line, lines trimmed. */
export function normalizeWhitespace(text: string): string {
  if (text === '') return '';
  return text
    .toWellFormed()
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(HORIZONTAL, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One-line text (titles, summaries): every whitespace run becomes one space. */
export function normalizeLine(text: string): string {
  if (text === '') return '';
  return normalizeWhitespace(text).replace(/\s+/g, ' ');
}
