import { describe, expect, it } from 'vitest';
import { PIPELINE, START_ORDER, STREAM_STAGES, nextHop } from '../src/pipeline.js';
import { downstreamSettings } from '../src/downstream-settings.js';
import { z } from '@sluice/service-kit';

describe('the declared pipeline', () => {
  it('gives every service its next hop', () => {
    expect(PIPELINE.map((s) => nextHop(s))).toEqual(['transformer', 'inference', 'scorer', 'persistence', undefined]);
    expect(nextHop('gateway')).toBe('transformer');
    expect(STREAM_STAGES).toEqual(PIPELINE.slice(1));
  });

  it('starts each service after the ones it calls, the sink first and the gateway last', () => {
    expect(START_ORDER).toEqual(['persistence', 'inference', 'scorer', 'transformer', 'collector', 'gateway']);
  });
});

describe('downstream settings', () => {
  const schema = z.strictObject(downstreamSettings({ maxInFlightItems: 4000 }));
  it('has one set of bounds and per-stage defaults', () => {
    expect(schema.parse({})).toEqual({
      max_in_flight_items: 4000,
      downstream_streams: 1,
      stream_deadline_seconds: 3600,
    });
    expect(schema.safeParse({ downstream_streams: 65 }).success).toBe(false);
    expect(schema.safeParse({ stream_deadline_seconds: 5 }).success).toBe(false);
    expect(schema.safeParse({ max_in_flight_items: 0 }).success).toBe(false);
  });
});
