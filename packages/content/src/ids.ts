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

/**
 * The external id of an item that has neither an id nor a URL (bulk files, pushed text): its content, so the
 * collector and the gateway give the same item the same id and a re-import or re-push is idempotent.
 */
export function contentExternalId(title: string, summary: string, content: string): string {
  const hash = createHash('sha256').update(title).update('\n').update(summary).update('\n').update(content);
  return `sha256:${hash.digest('hex').slice(0, 32)}`;
}
