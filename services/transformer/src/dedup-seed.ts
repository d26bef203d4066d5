// Optional warm start of the duplicate index from the most recently stored items (persistence ListItems,
// newest first), so duplicates of items stored before a restart are still linked. Runs in the background
// after start-up; live items are checked against whatever is indexed so far.
import { call, type PersistenceClient, type StoredItem__Output } from '@sluice/protocol';
import type { DedupEntry, DedupIndex } from './dedup-index.js';
import { SIMHASH_MAX_WORDS, simhashFromWordHashes } from './simhash.js';
import { scanText } from './text-scan.js';

const PAGE_SIZE = 500;

/** The index entry of a stored item (its SimHash is recomputed from title and text, as the transformer made it). */
export function entryFromStored(item: StoredItem__Output, minWords: number): DedupEntry {
  const hashes = new Uint32Array(SIMHASH_MAX_WORDS);
  let count = 0;
  const collect = (hash: number): void => {
    if (count < SIMHASH_MAX_WORDS) hashes[count++] = hash;
  };
  scanText((item.title ?? '').toLowerCase(), collect);
  const stats = scanText((item.text ?? '').toLowerCase(), collect);
  return {
    id: item.id,
    contentHash: item.content_hash ?? '',
    dedupKey: item.canonical_url || item.content_hash || '',
    fingerprint: simhashFromWordHashes(hashes, count),
    nearEligible: stats.words >= minWords,
  };
}

/** Loads up to `limit` originals into `index`, oldest first (so the FIFO evicts them first). Returns how many. */
export async function seedDedupIndex(
  client: PersistenceClient,
  index: DedupIndex,
  options: { limit: number; minWords: number; timeoutMs: number; signal?: AbortSignal },
): Promise<number> {
  const entries: DedupEntry[] = [];
  let cursor = '';
  while (entries.length < options.limit && !options.signal?.aborted) {
    const page = await call(
      client,
      'ListItems',
      {
        sort: 'SORT_FIELD_COLLECTED',
        cursor,
        limit: Math.min(PAGE_SIZE, options.limit - entries.length),
        include_text: true,
      },
      options.timeoutMs,
    );
    for (const item of page.items) if (!item.duplicate_of) entries.push(entryFromStored(item, options.minWords));
    if (!page.next_cursor || page.items.length === 0) break;
    cursor = page.next_cursor;
  }
  for (let i = entries.length - 1; i >= 0; i--) index.add(entries[i]!);
  return entries.length;
}
