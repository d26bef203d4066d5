import { describe, expect, it } from 'vitest';
import { buildRawItem, contentExternalId, itemId } from '../src/index.js';

const base = {
  sourceId: 'push',
  sourceKind: 'push',
  contentType: 'text/plain',
  collectedAtMs: 1,
  sourceWeight: 0.5,
} as const;

describe('buildRawItem', () => {
  it('keys an item by its id at the source, else its URL, else its content', () => {
    expect(buildRawItem({ ...base, externalId: 'a1', url: 'https://x.test/1' }).id).toBe(itemId('push', 'a1'));
    expect(buildRawItem({ ...base, externalId: '', url: 'https://x.test/1' }).external_id).toBe('https://x.test/1');
    const byContent = buildRawItem({ ...base, title: 'T', content: 'C' });
    expect(byContent.external_id).toBe(contentExternalId('T', '', 'C'));
    expect(byContent.id).toBe(itemId('push', byContent.external_id!));
  });

  it('defaults what a producer leaves out, and clamps the priority', () => {
    const item = buildRawItem({ ...base, title: 'T', priority: 12 });
    expect(item).toEqual({
      id: item.id,
      source_id: 'push',
      source_kind: 'push',
      external_id: item.external_id,
      url: '',
      title: 'T',
      summary: '',
      content: '',
      content_type: 'text/plain',
      author: '',
      published_at_ms: 0,
      collected_at_ms: 1,
      tags: [],
      attributes: {},
      priority: 9,
      source_weight: 0.5,
      language_hint: '',
    });
    expect('engagement' in item).toBe(false);
    expect(buildRawItem({ ...base, title: 'T' }).priority).toBe(5);
    expect(buildRawItem({ ...base, title: 'T', engagement: { points: 3 } }).engagement).toEqual({
      points: 3,
      comments: 0,
    });
  });
});
