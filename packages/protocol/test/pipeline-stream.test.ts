// The shared pipeline stream: a sender → relay stage → sink over real gRPC on loopback.
import { createLogger, createMetricsRegistry } from '@sluice/service-kit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PipelineFanout,
  PipelineSender,
  connect,
  createRelayStage,
  createSinkStage,
  deadlineIn,
  sluiceProto,
  startGrpcServer,
  waitForReady,
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
  const server = await startGrpcServer(address, [
    { name: 'sluice.v1.PipelineStage', definition: proto.PipelineStage.service, implementation: sink.implementation },
  ]);
  server.setServing(true);
  servers.push(server);
  return { server, sink };
}

function connectTo(port: number) {
  const client = connect('PipelineStage', `127.0.0.1:${port}`);
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
      process: async (batch) => ({
        ...batch,
        items: batch.items.map((i) => ({ ...i, raw: { ...i.raw!, title: i.raw!.title.toUpperCase() } })),
      }),
    });
    const relayServer = await startGrpcServer('127.0.0.1:0', [
      {
        name: 'sluice.v1.PipelineStage',
        definition: proto.PipelineStage.service,
        implementation: relay.implementation,
      },
    ]);
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
    expect(acks.flatMap((a) => a.item_ids).sort()).toEqual(
      items(2000)
        .map((i) => i.raw.id)
        .sort(),
    );
    expect(stored.size).toBe(2000);
    expect(maxInFlight).toBeLessThanOrEqual(300);
  });

  it('keeps a relay stage working while acknowledgements are outstanding, within its downstream window', async () => {
    // The sink holds every ack until the test opens the gate. The relay processes 2 batches at once, but a batch
    // it has forwarded no longer takes a slot: what bounds it then is the downstream window (600 items = 6
    // batches). A stage that held its slots until the ack came back would stop at 2.
    const received: string[] = [];
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const { server: sinkServer } = await startSink(async (batch) => {
      received.push(batch.batch_id);
      await gate;
      return { batch_id: batch.batch_id, item_ids: batch.items.map((i) => i.raw!.id), inserted: batch.items.length };
    });
    const relay = createRelayStage({
      stage: 'relay',
      logger,
      registry: createMetricsRegistry('relay'),
      processingBatchesPerStream: 2,
      maxInFlightItems: 600,
      connectDownstream: connectTo(sinkServer.port),
      process: async (batch) => batch,
    });
    const relayServer = await startGrpcServer('127.0.0.1:0', [
      {
        name: 'sluice.v1.PipelineStage',
        definition: sluiceProto().PipelineStage.service,
        implementation: relay.implementation,
      },
    ]);
    servers.push(relayServer);
    const sender = new PipelineSender({ connect: connectTo(relayServer.port), maxInFlightItems: 2000 });
    const acks = Promise.all(Array.from({ length: 10 }, (_, b) => sender.send({ items: items(100, b * 100) })));
    for (let waited = 0; received.length < 6 && waited < 10_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toHaveLength(6);
    expect(relay.downstreamUnackedItems).toBe(600);
    openGate();
    expect((await acks).flatMap((a) => a.item_ids)).toHaveLength(1000);
    expect(received).toHaveLength(10);
    await sender.close();
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
    const sender = new PipelineSender({
      connect: connectTo(port),
      maxInFlightItems: 1000,
      initialBackoffMs: 20,
      maxBackoffMs: 100,
    });
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

  it('fans batches out over several streams, which round_robin spreads over replicas of the next stage', async () => {
    const received = [0, 0];
    const replicas = await Promise.all(
      [0, 1].map((r) =>
        startSink(async (batch) => {
          received[r]! += batch.items.length;
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { batch_id: batch.batch_id, item_ids: batch.items.map((i) => i.raw!.id) };
        }),
      ),
    );
    // One name, two addresses: what a headless Service resolves to.
    const target = `ipv4:${replicas.map(({ server }) => `127.0.0.1:${server.port}`).join(',')}`;
    const client = connect('PipelineStage', target);
    // round_robin picks among connected backends: let both connect, as long-lived deployments have.
    await waitForReady(client as never, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const fanout = new PipelineFanout({
      connect: () => client.Process({ deadline: deadlineIn(60_000) }),
      maxInFlightItems: 400,
      streams: 2,
    });
    const acks = await Promise.all(Array.from({ length: 20 }, (_, b) => fanout.send({ items: items(50, b * 50) })));
    await fanout.close();
    expect(acks.flatMap((a) => a.item_ids)).toHaveLength(1000);
    expect(received[0]! + received[1]!).toBe(1000);
    expect(Math.min(...received)).toBeGreaterThan(0);
    client.close();
  });
});
