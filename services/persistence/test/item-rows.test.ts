// Pure mapping from the pipeline envelope to rows: validation, labels, hashes.
import { describe, expect, it } from 'vitest';
import { prepareItem, upstreamDeadLetterRow } from '../src/item-rows.js';
import { makeItem } from './helpers.js';

describe('prepareItem', () => {
  it('maps an envelope to item, classification, embedding and score rows', () => {
    const prepared = prepareItem(makeItem(6, { embedding: [3, 4] }) as never);
    if (!prepared.ok) throw new Error('expected ok');
    const { item, classifications, embedding, score } = prepared.value;
    expect(item).toMatchObject({
      id: 'item-000006',
      source_id: 'source-0',
      title: 'Title 6',
      language: 'en',
      sentiment: 'positive',
      priority: 5,
      engagement_points: 6,
    });
    expect(JSON.parse(item.labels)).toEqual(['positive', 'technology']);
    expect(classifications.map((c) => c.task)).toEqual(['sentiment', 'topics']);
    expect(embedding).toMatchObject({ dims: 2, norm: 5, values: '{3,4}' });
    expect(score?.value).toBeCloseTo(0.22);
    expect(item.score).toBe(score?.value);
  });

  it('rejects structurally invalid items as dead letters with a reason', () => {
    const noRaw = prepareItem({ raw: null } as never);
    expect(noRaw).toMatchObject({ ok: false, deadLetter: { reason: 'invalid_item', stage: 'persistence' } });
    const nan = prepareItem(makeItem(1, { embedding: [1, Number.NaN] }) as never);
    expect(nan).toMatchObject({ ok: false, deadLetter: { reason: 'invalid_embedding', item_id: 'item-000001' } });
  });

  it('hashes everything written except the collection time', () => {
    const a = prepareItem(makeItem(3) as never);
    const later = makeItem(3);
    later.raw!.collected_at_ms = 1;
    const b = prepareItem(later as never);
    const changed = prepareItem(makeItem(3, { score: 0.5 }) as never);
    if (!a.ok || !b.ok || !changed.ok) throw new Error('expected ok');
    expect(b.value.item.row_hash).toBe(a.value.item.row_hash);
    expect(changed.value.item.row_hash).not.toBe(a.value.item.row_hash);
  });

  it('makes dead letters storable: no NUL characters', () => {
    const row = upstreamDeadLetterRow({
      item_id: 'a',
      source_id: 's',
      stage: 'inference',
      reason: 'model_error',
      detail: 'bad\u0000byte',
      payload_json: '{"x":"\u0000"}',
    });
    expect(row.detail).toBe('badbyte');
    expect(row.payload_json).not.toContain('\u0000');
    // Stage and reason too (an upstream stage's own words; NUL there made the batch fail on every retry).
    const hostile = upstreamDeadLetterRow({
      item_id: 'a',
      source_id: 's',
      stage: 'x\u0000',
      reason: '\u0000'.repeat(3),
    });
    expect(hostile.stage).toBe('x');
    expect(hostile.reason).toBe('unknown');
    expect(upstreamDeadLetterRow({ item_id: 'a', reason: 'r'.repeat(10_000) }).reason.length).toBe(512);
  });
});
