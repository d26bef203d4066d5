// The shared service lifecycle: health follows readiness, /readyz and /metrics answer, and a shutdown drains
// in-flight batches (their acks still arrive) before the server stops.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@sluice/stack';
import { z } from '@sluice/service-kit';
import { describe, expect, it } from 'vitest';
import {
  PipelineSender,
  checkHealth,
  connect,
  createSinkStage,
  deadlineIn,
  runService,
  sluiceProto,
  type PipelineStageClient,
} from '../src/index.js';

async function configWithPorts() {
  const lines = ['services:'];
  const ports: Record<string, { grpc: number; http: number }> = {};
  for (const name of ['collector', 'transformer', 'inference', 'scorer', 'persistence', 'gateway']) {
    ports[name] = { grpc: await freePort(), http: await freePort() };
    lines.push(`  ${name}: { grpc_address: 127.0.0.1:${ports[name]!.grpc}, http_port: ${ports[name]!.http} }`);
  }
  lines.push('log: { level: silent }');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sluice-runtime-')), 'sluice.yaml');
  writeFileSync(file, lines.join('\n') + '\n');
  return { file, ports };
}

describe('service runtime', () => {
  it('reports readiness over gRPC health and HTTP, and drains in-flight batches on shutdown', async () => {
    const { file, ports } = await configWithPorts();
    let releaseWrite: () => void = () => undefined;
    let writes = 0;
    let setReady: (ready: boolean) => void = () => undefined;
    const service = await runService(
      'persistence',
      z.strictObject({}),
      async (ctx) => {
        setReady = ctx.setReady;
        const sink = createSinkStage({
          stage: 'persistence',
          logger: ctx.logger,
          registry: ctx.registry,
          write: async (batch) => {
            writes += 1;
            await new Promise<void>((resolve) => (releaseWrite = resolve));
            return { batch_id: batch.batch_id, item_ids: batch.items.map((i) => i.raw!.id) };
          },
        });
        return {
          grpc: [
            {
              name: 'sluice.v1.PipelineStage',
              definition: sluiceProto().PipelineStage.service,
              implementation: sink.implementation,
            },
          ],
          manualReady: true,
          drain: () => sink.drain(5000),
        };
      },
      { configFile: file, env: {}, exitOnShutdown: false },
    );
    const address = `127.0.0.1:${ports.persistence!.grpc}`;
    const readyz = () => fetch(`http://127.0.0.1:${ports.persistence!.http}/readyz`).then((r) => r.status);
    expect(await checkHealth(address)).toBe('NOT_SERVING');
    expect(await readyz()).toBe(503);
    setReady(true);
    expect(await checkHealth(address)).toBe('SERVING');
    expect(await checkHealth(address, 'sluice.v1.PipelineStage')).toBe('SERVING');
    expect(await readyz()).toBe(200);

    const client = connect('PipelineStage', address);
    const sender = new PipelineSender({
      connect: () => client.Process({ deadline: deadlineIn(30_000) }),
      maxInFlightItems: 100,
    });
    const ack = sender.send({ items: [{ raw: { id: 'a' } }, { raw: { id: 'b' } }] });
    while (writes === 0) await new Promise((r) => setTimeout(r, 10));
    const stopping = service.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(await checkHealth(address)).not.toBe('SERVING');
    releaseWrite();
    expect((await ack).item_ids).toEqual(['a', 'b']);
    await stopping;
    const metrics = await fetch(`http://127.0.0.1:${ports.persistence!.http}/metrics`).then(
      () => 'up',
      () => 'down',
    );
    expect(metrics).toBe('down');
    sender.abort();
    client.close();
  });
});
