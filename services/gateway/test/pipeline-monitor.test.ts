// The pipeline snapshot from real metrics: prom-client registries served over HTTP on port 0 stand for the
// services (their metrics are what the snapshot reads). Rates between two readings, windows, histograms as
// per-bucket counts, GPUs, a restart seen as a changed process start time, and a service that does not answer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, createMetricsRegistry, type Registry } from '@sluice/service-kit';
import { PipelineMonitor, metricsUrl } from '../src/pipeline/pipeline-monitor.js';
import { parsePrometheusText } from '../src/pipeline/prometheus-text.js';

const servers: Server[] = [];
let startTime = 1_000_000;

async function serve(registry: Registry, extra: () => string = () => ''): Promise<number> {
  const server = createServer(async (_req, res) => {
    res.end((await registry.metrics()) + extra());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const transformer = createMetricsRegistry('transformer-test');
const inference = createMetricsRegistry('inference-test');
const stageItems = new Counter({
  name: 'sluice_stage_items_total',
  help: 'items',
  labelNames: ['stage', 'direction'],
  registers: [transformer],
});
const inFlight = new Gauge({
  name: 'sluice_stage_in_flight_batches',
  help: 'in flight',
  labelNames: ['stage'],
  registers: [transformer],
});
const batchSize = new Histogram({
  name: 'sluice_inference_batch_size',
  help: 'batch size',
  labelNames: ['model'],
  buckets: [1, 8, 64],
  registers: [inference],
});
new Gauge({
  name: 'sluice_inference_gpu_utilization_ratio',
  help: 'gpu',
  labelNames: ['gpu'],
  registers: [inference],
}).set({ gpu: '0' }, 0.75);
let services: Parameters<typeof metricsUrl>[0];

beforeAll(async () => {
  const t = await serve(transformer, () => `process_start_time_seconds ${startTime}\n`);
  const i = await serve(inference);
  const address = (port: number) => ({ grpc_address: '127.0.0.1:1', http_port: port });
  services = {
    collector: address(1), // nothing listens on port 1
    transformer: address(t),
    inference: address(i),
    scorer: address(1),
    persistence: address(1),
    gateway: { ...address(1), ops_port: 1 },
  };
});

afterAll(() => {
  for (const server of servers) server.close();
});

describe('the pipeline snapshot', () => {
  it('reads every service: rates, windows, histograms, GPUs, restarts, and the ones that are down', async () => {
    const monitor = new PipelineMonitor({ services, registry: createMetricsRegistry('gateway-test'), timeoutMs: 500 });
    stageItems.inc({ stage: 'transformer', direction: 'in' }, 100);
    stageItems.inc({ stage: 'transformer', direction: 'out' }, 90);
    inFlight.set({ stage: 'transformer' }, 3);
    for (const size of [1, 5, 6, 64, 100]) batchSize.observe({ model: 'm' }, size);
    const first = await monitor.snapshot();
    const stage = first.stages.find((s) => s.stage === 'transformer')!;
    expect(stage).toMatchObject({ items_in_total: 100, items_out_total: 90, in_flight_batches: 3 });
    expect(stage.items_in_per_second).toBeNull();
    expect(first.inference.batch_size.buckets).toEqual([
      { le: 1, count: 1 },
      { le: 8, count: 2 },
      { le: 64, count: 1 },
      { le: null, count: 1 },
    ]);
    expect(first.inference.batch_size.count).toBe(5);
    expect(first.inference.gpus).toEqual([
      { gpu: '0', utilization_ratio: 0.75, memory_bytes: 0, memory_total_bytes: null },
    ]);
    const byName = new Map(first.services.map((s) => [s.name, s]));
    expect(byName.get('transformer')).toMatchObject({ up: true, restarts: 0 });
    expect(byName.get('gateway')).toMatchObject({ up: true }); // its own registry, not the port
    expect(byName.get('collector')).toMatchObject({ up: false, uptime_seconds: null });
    expect(byName.get('collector')!.error).toBeTruthy();

    await new Promise((resolve) => setTimeout(resolve, 250));
    stageItems.inc({ stage: 'transformer', direction: 'in' }, 50);
    startTime += 60; // the transformer was restarted
    const second = await monitor.snapshot();
    const rate = second.stages.find((s) => s.stage === 'transformer')!.items_in_per_second!;
    const seconds = (Date.parse(second.taken_at) - Date.parse(first.taken_at)) / 1000;
    expect(rate).toBeCloseTo(50 / seconds, 5);
    expect(second.services.find((s) => s.name === 'transformer')!.restarts).toBe(1);
  });

  it('finds metrics at the host of the gRPC address, on the ops port when there is one', () => {
    const s = { grpc_address: 'dns:///inference.sluice:19063', http_port: 9463 };
    expect(metricsUrl({ ...services, inference: s }, 'inference')).toBe('http://inference.sluice:9463/metrics');
    expect(
      metricsUrl(
        { ...services, gateway: { grpc_address: 'ipv4:10.0.0.1:1,10.0.0.2:1', http_port: 8080, ops_port: 9466 } },
        'gateway',
      ),
    ).toBe('http://10.0.0.1:9466/metrics');
  });

  it('parses the text format: labels with escapes, +Inf, comments and junk', () => {
    const samples = parsePrometheusText(
      '# HELP x y\n# TYPE x counter\nx{a="q\\"uote",le="+Inf"} 3\nbad line here\ny 2 1700000000\nz +Inf\n',
    );
    expect(samples).toEqual([
      { name: 'x', labels: { a: 'q"uote', le: '+Inf' }, value: 3 },
      { name: 'y', labels: {}, value: 2 },
      { name: 'z', labels: {}, value: Infinity },
    ]);
  });
});
