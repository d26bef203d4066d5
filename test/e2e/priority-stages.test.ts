// Priority in each stage, with the stage as a real process between this test's sender and a slow sink (real gRPC):
// a high-priority batch sent behind a backlog reaches the sink ahead of most of it, and under a steady stream of
// high-priority batches the low-priority ones still get through (aging), while the stream still runs.
import { PipelineSender, connect, createSinkStage, deadlineIn, sluiceProto, startGrpcServer } from '@sluice/protocol';
import type { GrpcServer, ItemBatch, ItemBatch__Output } from '@sluice/protocol';
import { createLogger, createMetricsRegistry } from '@sluice/service-kit';
import { freePort, spawnService, waitUntilServing, type ServiceName, type ServiceProcess } from '@sluice/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPriorityWorkload, itemText } from '../support/priority-workload.js';

const SINK_ACK_MILLISECONDS = 40;
const AGING_MILLISECONDS = 300;

/** What each stage needs in front of it, and settings that keep it alone (no persistence, no other stage). */
const STAGES: Array<{
  name: ServiceName;
  downstream: ServiceName;
  env: NodeJS.ProcessEnv;
  item: (n: number) => object;
}> = [
  {
    name: 'transformer',
    downstream: 'inference',
    env: { SLUICE__TRANSFORMER__DEDUP_SCOPE: 'replica', SLUICE__TRANSFORMER__WORKER_THREADS: '0' },
    item: () => ({}),
  },
  {
    name: 'inference',
    downstream: 'scorer',
    env: {},
    item: (n) => ({ normalized: { title: `report ${n}`, text: itemText(n), language: 'en' } }),
  },
  {
    name: 'scorer',
    downstream: 'persistence',
    env: { SLUICE__SCORER__NOVELTY_SCOPE: 'replica', SLUICE__SCORER__PROFILES: '[]' },
    item: (n) => ({ normalized: { title: `report ${n}`, text: itemText(n), language: 'en' } }),
  },
];

function batch(stage: (typeof STAGES)[number], id: string, priority: number): ItemBatch {
  const serial = Number(id.replace(/\D/g, '')) + (priority > 5 ? 500_000 : 0);
  return {
    items: [
      {
        raw: {
          id,
          source_id: priority > 5 ? 'urgent' : 'backlog',
          external_id: id,
          title: `report ${serial}`,
          content: itemText(serial),
          content_type: 'text/plain',
          priority,
          collected_at_ms: Date.now(),
        },
        ...stage.item(serial),
      },
    ],
  };
}

for (const stage of STAGES) {
  describe(`priority in the ${stage.name}`, () => {
    const arrivals: string[] = [];
    let sink: GrpcServer;
    let proc: ServiceProcess;
    let address: string;

    beforeAll(async () => {
      const recorder = createSinkStage({
        stage: 'test-sink',
        logger: createLogger('sink', 'silent'),
        registry: createMetricsRegistry('sink'),
        processingBatchesPerStream: 1000, // records arrival order; its own queue never reorders
        write: async (b: ItemBatch__Output) => {
          arrivals.push(...b.items.map((i) => i.raw!.id), ...b.dead_letters.map((d) => d.item_id));
          await new Promise((resolve) => setTimeout(resolve, SINK_ACK_MILLISECONDS));
          return { batch_id: b.batch_id, item_ids: b.items.map((i) => i.raw!.id), inserted: b.items.length };
        },
      });
      sink = await startGrpcServer('127.0.0.1:0', [
        {
          name: 'sluice.v1.PipelineStage',
          definition: sluiceProto().PipelineStage.service,
          implementation: recorder.implementation,
        },
      ]);
      sink.setServing(true);
      address = `127.0.0.1:${await freePort()}`;
      const upper = stage.name.toUpperCase();
      proc = spawnService(stage.name, {
        env: {
          ...process.env,
          SLUICE__LOG__LEVEL: 'warn',
          [`SLUICE__SERVICES__${upper}__GRPC_ADDRESS`]: address,
          [`SLUICE__SERVICES__${upper}__HTTP_PORT`]: String(await freePort()),
          [`SLUICE__SERVICES__${stage.downstream.toUpperCase()}__GRPC_ADDRESS`]: `127.0.0.1:${sink.port}`,
          // A window of two one-item batches towards the sink: everything else waits in this stage.
          [`SLUICE__${upper}__MAX_IN_FLIGHT_ITEMS`]: '2',
          [`SLUICE__${upper}__PRIORITY_AGING_MILLISECONDS`]: String(AGING_MILLISECONDS),
          ...stage.env,
        },
      });
      await waitUntilServing(proc, address, 120_000);
    });
    afterAll(async () => {
      await proc?.stop();
      await sink?.shutdown(1_000);
    });

    const sender = () =>
      new PipelineSender({
        connect: () => connect('PipelineStage', address).Process({ deadline: deadlineIn(120_000) }),
        maxInFlightItems: 10_000,
      });

    it('serves a high-priority batch ahead of a backlog sent before it', async () => {
      arrivals.length = 0;
      const upstream = sender();
      const sends: Array<Promise<unknown>> = [];
      for (let n = 0; n < 40; n += 1) sends.push(upstream.send(batch(stage, `low-${n}`, 1)));
      await new Promise((resolve) => setTimeout(resolve, 100)); // the backlog is in the stage
      sends.push(upstream.send(batch(stage, 'high-0', 9)));
      await Promise.all(sends);
      await upstream.close();
      expect(arrivals).toHaveLength(41);
      // Sent 41st (arrival order would make it last); only batches already under way when it came are ahead.
      expect(arrivals.indexOf('high-0')).toBeLessThan(20);
    });

    it('still serves low-priority batches while high-priority ones keep coming (aging)', async () => {
      arrivals.length = 0;
      const upstream = sender();
      const sends: Array<Promise<unknown>> = [];
      for (let n = 0; n < 4; n += 1) sends.push(upstream.send(batch(stage, `old-${n}`, 0)));
      // High-priority batches twice as fast as the sink takes them, so they always wait: without aging the old
      // ones would go last. With it, an old batch goes once the oldest waiting hot one is 9 levels (2.7 s)
      // younger, about 5.4 s into the stream at these rates.
      const until = Date.now() + 8_000;
      let n = 0;
      while (Date.now() < until) {
        for (let i = 0; i < 4; i += 1) sends.push(upstream.send(batch(stage, `hot-${n++}`, 9)));
        await new Promise((resolve) => setTimeout(resolve, SINK_ACK_MILLISECONDS));
      }
      await Promise.all(sends);
      await upstream.close();
      const lastOld = Math.max(...[0, 1, 2, 3].map((i) => arrivals.indexOf(`old-${i}`)));
      expect(lastOld).toBeGreaterThanOrEqual(0);
      // Every old batch arrived while hot ones were still queued behind it, not after the hot stream ended.
      expect(arrivals.slice(lastOld + 1).filter((id) => id.startsWith('hot-')).length).toBeGreaterThan(50);
    });
  });
}

describe('priority in the collector', () => {
  /** Per item: external id, and how long it waited in the collector (collected → received by the sink). */
  const arrivals: Array<{ id: string; waitedMs: number }> = [];
  let sink: GrpcServer;
  let proc: ServiceProcess | undefined;
  let workload: ReturnType<typeof createPriorityWorkload>;

  beforeAll(async () => {
    const recorder = createSinkStage({
      stage: 'test-sink',
      logger: createLogger('sink', 'silent'),
      registry: createMetricsRegistry('sink'),
      processingBatchesPerStream: 1000,
      write: async (b: ItemBatch__Output) => {
        const now = Date.now();
        for (const i of b.items)
          arrivals.push({ id: i.raw!.external_id, waitedMs: now - Number(i.raw!.collected_at_ms) });
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { batch_id: b.batch_id, item_ids: b.items.map((i) => i.raw!.id), inserted: b.items.length };
      },
    });
    sink = await startGrpcServer('127.0.0.1:0', [
      {
        name: 'sluice.v1.PipelineStage',
        definition: sluiceProto().PipelineStage.service,
        implementation: recorder.implementation,
      },
    ]);
    sink.setServing(true);
    // Ten backlog files of 600 items at priority 1, each with a chunk waiting for the window; the urgent file
    // (priority 9) gets items once they run.
    workload = createPriorityWorkload({ files: 10, perFile: 600, lowPriority: 1, highPriority: 9 });
  });
  afterAll(async () => {
    await proc?.stop();
    await sink?.shutdown(1_000);
    workload?.remove();
  });

  it("sends a high-priority source's chunk ahead of the backlog's waiting chunks, and finishes the backlog", async () => {
    const address = `127.0.0.1:${await freePort()}`;
    proc = spawnService('collector', {
      env: {
        ...process.env,
        SLUICE__LOG__LEVEL: 'warn',
        SLUICE__SERVICES__COLLECTOR__GRPC_ADDRESS: address,
        SLUICE__SERVICES__COLLECTOR__HTTP_PORT: String(await freePort()),
        SLUICE__SERVICES__TRANSFORMER__GRPC_ADDRESS: `127.0.0.1:${sink.port}`,
        SLUICE__COLLECTOR__STATE_STORE: 'memory',
        SLUICE__COLLECTOR__SCHEDULE_ENABLED: 'true',
        SLUICE__COLLECTOR__SCHEDULE_TICK_MILLISECONDS: '100',
        // Two batches in flight, each acknowledged after 100 ms: the ten backlog sources queue for the window.
        SLUICE__COLLECTOR__MAX_IN_FLIGHT_ITEMS: '200',
        SLUICE__COLLECTOR__SOURCES: JSON.stringify(workload.sources),
      },
    });
    await waitUntilServing(proc, address, 60_000);
    const total = 6000 + 10;
    const deadline = Date.now() + 90_000;
    while (arrivals.length < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    workload.publishUrgent(10);
    while (arrivals.length < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(arrivals).toHaveLength(total); // nothing lost, the backlog finished
    const urgent = arrivals.filter((a) => a.id.startsWith('u-'));
    expect(urgent).toHaveLength(10);
    // The urgent items arrived while the backlog was still draining.
    expect(arrivals.findIndex((a) => a.id.startsWith('u-'))).toBeLessThan(total - 1000);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const backlogWait = median(arrivals.filter((a) => !a.id.startsWith('u-')).map((a) => a.waitedMs));
    // A backlog chunk waits behind the other nine sources' chunks (~0.5 s); the urgent one only for the next free room.
    expect(urgent[0]!.waitedMs).toBeLessThan(backlogWait / 2);
  });
});
