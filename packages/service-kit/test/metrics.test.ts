import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../src/metrics.js';

describe('service metrics registry', () => {
  it('records how long the event loop was blocked in sluice_event_loop_delay_seconds', async () => {
    const registry = createMetricsRegistry('metrics-test');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const blockedUntil = performance.now() + 150;
    while (performance.now() < blockedUntil); // a synchronous stretch, as a blocking query would be
    await new Promise((resolve) => setTimeout(resolve, 100));
    const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'sluice_event_loop_delay_seconds');
    expect(metric?.type).toBe('histogram');
    const values = (
      metric as unknown as {
        values: Array<{ metricName: string; labels: Record<string, string | number>; value: number }>;
      }
    ).values;
    const count = values.find((v) => v.metricName === 'sluice_event_loop_delay_seconds_count')!.value;
    const under100ms = values.find(
      (v) => v.metricName === 'sluice_event_loop_delay_seconds_bucket' && v.labels.le === 0.1,
    )!.value;
    expect(count).toBeGreaterThan(3);
    // The 150 ms block shows as one sample over 100 ms; the idle samples stay below it.
    expect(count - under100ms).toBeGreaterThanOrEqual(1);
    expect(values.find((v) => v.metricName === 'sluice_event_loop_delay_seconds_count')!.labels.service).toBe(
      'metrics-test',
    );
  });
});
