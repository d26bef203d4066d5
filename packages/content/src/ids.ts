import { createHash } from 'node:crypto';

/**
 * The content key of an item: stable across replays and restarts, unique per source and source-side id.
 * Persistence upserts on it, so re-collecting an item never creates a duplicate row.
 *
 * @example itemId('hn', '41234567') // => '3f0c…' (32 hex chars)
 */
export function itemId(sourceId: string, externalId: string): string {
  return createHash('sha256').update(sourceId).update('\n').update(externalId).digest('hex').slice(0, 32);
}
