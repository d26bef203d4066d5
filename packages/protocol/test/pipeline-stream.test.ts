// The shared pipeline stream: a sender → relay stage → sink over real gRPC on loopback.
import { createLogger, createMetricsRegistry } from '@sluice/service-kit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PipelineSender,
  createClient,
  createRelayStage,
  createSinkStage,
  deadlineIn,
  sluiceProto,
  startGrpcServer,
  type Ack,
  type GrpcServer,
  type ItemBatch__Output,
  type PipelineStageClient,
} from '../src/index.js';

const logger = createLogger('test', 'silent');
const servers: GrpcServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.shutdown(100)));
});

function items(n: number, offset = 0) {
  return Array.from({ length: n }, (_, i) => ({ raw: { id: `item-${offset + i}`, title: `t${offset + i}` } }));
}

async function startSink(write: (batch: ItemBatch__Output) => Promise<Ack>, address = '127.0.0.1:0') {
  const proto = sluiceProto();
  const sink = createSinkStage({ stage: 'sink', logger, registry: createMetricsRegistry('sink'), write });
  const server = await startGrpcServer(address, [{ name: 'sluice.v1.PipelineStage', definition: proto.PipelineStage.service, implementation: sink.implementation }]);
  server.setServing(true);
  servers.push(server);
  return { server, sink };
}

function connectTo(port: number) {
  const client = createClient(sluiceProto().PipelineStage, `127.0.0.1:${port}`) as unknown as PipelineStageClient;
  return () => client.Process({ deadline: deadlineIn(60_000) });
}

describe('pipeline stream', () => {
  it('relays batches through a stage and acknowledges every item after the sink wrote it', async () => {
    const stored = new Set<string>();
    const { server: sinkServer } = await startSink(async (batch) => {
      for (const item of batch.items) stored.add(item.raw!.id);
      return { batch_id: batch.batch_id, item_ids: batch.items.map((i) => i.raw!.id), inserted: batch.items.length };
    });
    const proto = sluiceProto();
    const relay = createRelayStage({
      stage: 'upper',
      logger,
      registry: createMetricsRegistry('relay'),
      maxInFlightItems: 500,
      connectDownstream: connectTo(sinkServer.port),
      process: async (batch) => ({ ...batch, items: batch.items.map((i) => ({ ...i, raw: { ...i.raw!, title: i.raw!.title.toUpperCase() } })) }),
    });
    const relayServer = await startGrpcServer('127.0.0.1:0', [{ name: 'sluice.v1.PipelineStage', definition: proto.PipelineStage.service, implementation: relay.implementation }]);
    servers.push(relayServer);

    const sender = new PipelineSender({ connect: connectTo(relayServer.port), maxInFlightItems: 300 });
    let maxInFlight = 0;
    const acks = await Promise.all(
      Array.from({ length: 20 }, async (_, b) => {
        const ack = sender.send({ items: items(100, b * 100) });
        maxInFlight = Math.max(maxInFlight, sender.inFlightItems);
        return ack;
      }),
    );
    await sender.close();
    expect(acks.flatMap((a) => a.item_ids).sort()).toEqual(items(2000).map((i) => i.raw.id).sort());
    expect(stored.size).toBe(2000);
    expect(maxInFlight).toBeLessThanOrEqual(300);
  });

  it('resends unacknowledged batches after the downstream restarts, and retries error acks', async () => {
    const seen: string[] = [];
    let failFirst = true;
    const write = async (batch: ItemBatch__Output): Promise<Ack> => {
      if (failFirst) {
        failFirst = false;
        return { batch_id: batch.batch_id, error: 'transient' };
      }
      seen.push(...batch.items.map((i) => i.raw!.id));
      return { batch_id: batch.batch_id, item_ids: batch.items.map((i) => i.raw!.id) };
    };
    const first = await startSink(write);
    const port = first.server.port;
    const sender = new PipelineSender({ connect: connectTo(port), maxInFlightItems: 1000, initialBackoffMs: 20, maxBackoffMs: 100 });
    const a1 = await sender.send({ items: items(10) });
    expect(a1.item_ids).toHaveLength(10);
    expect(seen).toHaveLength(10);

    await first.server.shutdown(0);
    servers.splice(servers.indexOf(first.server), 1);
    const pending = sender.send({ items: items(10, 10) });
    await new Promise((r) => setTimeout(r, 300));
    await startSink(write, `127.0.0.1:${port}`);
    const a2 = await pending;
    expect(a2.item_ids).toEqual(items(10, 10).map((i) => i.raw.id));
    await sender.close();
  });
});
