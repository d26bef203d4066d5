// Each stage of the end-to-end run measured alone on the same items (pnpm bench e2e's pipeline_efficiency).
// The collector's batches of the e2e feeds are captured by an acking stand-in; then the transformer, inference
// and the scorer each run as their own process with an acking stand-in as downstream, fed the previous stage's
// captured output over a stream with the collector's window, and persistence stores the scorer's output in a
// fresh database. A stage's rate is its items ÷ the time from the first batch sent to the last acknowledged.
// Alone, the transformer and the scorer keep their state in their process (dedup_scope / novelty_scope:
// replica): the stand-in cannot serve SharedState, and the e2e run pays for the shared state it uses.
// Each stage's CPU milliseconds per item alone are reported too, to set against cpu_seconds_<service> of the run.
import { PipelineSender, connect, deadlineIn, type ItemBatch, type ItemBatch__Output } from '@sluice/protocol';
import { createTestDatabase, runSources, startStack, type ServiceName } from '@sluice/stack';
import { processCpuSeconds, startAckingSink, startBenchCollector } from './lib.js';

/** The stages a pipeline item passes after the collector, in order (the Σ 1/rate). */
export const MEASURED_STAGES = ['transformer', 'inference', 'scorer', 'persistence'] as const;
export type MeasuredStage = (typeof MEASURED_STAGES)[number];

/** Where each stage sends its output: the stand-in takes this service's address. */
const DOWNSTREAM: Record<Exclude<MeasuredStage, 'persistence'>, ServiceName> = {
  transformer: 'inference',
  inference: 'scorer',
  scorer: 'persistence',
};

/** The collector's window (collector.max_in_flight_items), so each stage sees the flow it sees in the pipeline. */
const WINDOW_ITEMS = 5000;

type Batch = Pick<ItemBatch, 'batch_id' | 'items'>;

export interface SourceSpec {
  id: string;
  kind: string;
  url: string;
  allow_private_network: boolean;
  rate_limit_per_minute: number;
  interval_seconds: number;
}

interface Measured {
  rate: number;
  cpuMsPerItem: number;
}

export interface StagesAlone {
  rates: Record<MeasuredStage, number>;
  cpuMsPerItem: Record<MeasuredStage, number>;
}

/** Items per second (and CPU per item) of each stage alone, on the batches the collector makes of `sources`. */
export async function measureStagesAlone(sources: SourceSpec[]): Promise<StagesAlone> {
  let batches = await collectBatches(sources);
  const measured: Partial<Record<MeasuredStage, Measured>> = {};
  for (const stage of ['transformer', 'inference', 'scorer'] as const) {
    const relay = await relayAlone(stage, batches);
    measured[stage] = relay;
    batches = relay.output;
  }
  measured.persistence = await persistenceAlone(batches);
  const pick = (key: keyof Measured) =>
    Object.fromEntries(MEASURED_STAGES.map((stage) => [stage, measured[stage]![key]])) as Record<MeasuredStage, number>;
  return { rates: pick('rate'), cpuMsPerItem: pick('cpuMsPerItem') };
}

/** 1 ÷ Σ 1/rate: the rate of the stages sharing the machine one after the other. */
export function sequentialRate(rates: Record<MeasuredStage, number>): number {
  return 1 / MEASURED_STAGES.reduce((sum, stage) => sum + 1 / rates[stage], 0);
}

async function collectBatches(sources: SourceSpec[]): Promise<Batch[]> {
  const captured: Batch[] = [];
  const sink = await startAckingSink((_items, _dead, batch) => captured.push(asInput(batch)));
  const collector = await startBenchCollector(sink.address, { SLUICE__COLLECTOR__SOURCES: JSON.stringify(sources) });
  try {
    await runSources({ collectorAddress: collector.grpcAddress });
  } finally {
    await collector.process.stop();
    await sink.close();
  }
  return captured;
}

async function relayAlone(
  stage: Exclude<MeasuredStage, 'persistence'>,
  input: Batch[],
): Promise<Measured & { output: Batch[] }> {
  const output: Batch[] = [];
  const sink = await startAckingSink((_items, _dead, batch) => output.push(asInput(batch)));
  const downstream = DOWNSTREAM[stage].toUpperCase();
  // The scorer embeds its interest profiles at start: it needs a real inference service (idle while it is measured).
  const stack = await startStack({
    services: stage === 'scorer' ? ['inference', 'scorer'] : [stage],
    env: {
      SLUICE__LOG__LEVEL: 'warn',
      SLUICE__TRANSFORMER__DEDUP_SCOPE: 'replica',
      SLUICE__SCORER__NOVELTY_SCOPE: 'replica',
    },
    serviceEnv: { [stage]: { [`SLUICE__SERVICES__${downstream}__GRPC_ADDRESS`]: sink.address } },
  });
  try {
    const measured = await sendAll(stack.addresses[stage]!.grpcAddress, stack.opsUrl(stage), input);
    return { ...measured, output };
  } finally {
    await stack.stop();
    await sink.close();
  }
}

async function persistenceAlone(input: Batch[]): Promise<Measured> {
  const db = await createTestDatabase('sluice_bench_e2e_alone');
  try {
    const stack = await startStack({
      services: ['persistence'],
      env: { DATABASE_URL: db.url, SLUICE__LOG__LEVEL: 'warn' },
    });
    try {
      return await sendAll(stack.addresses.persistence!.grpcAddress, stack.opsUrl('persistence'), input);
    } finally {
      await stack.stop();
    }
  } finally {
    await db.drop();
  }
}

/** Sends every batch on one stream with the collector's window; items/s from the first send to the last ack. */
async function sendAll(address: string, opsUrl: string, batches: Batch[]): Promise<Measured> {
  const client = connect('PipelineStage', address);
  const sender = new PipelineSender({
    connect: () => client.Process({ deadline: deadlineIn(600_000) }),
    maxInFlightItems: WINDOW_ITEMS,
  });
  const items = batches.reduce((sum, b) => sum + (b.items?.length ?? 0), 0);
  try {
    const cpuBefore = await processCpuSeconds(opsUrl);
    const started = performance.now();
    const acks = await Promise.all(batches.map((batch) => sender.send(batch)));
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = (await processCpuSeconds(opsUrl)) - cpuBefore;
    const failed = acks.find((ack) => ack.error);
    if (failed) throw new Error(`${address} refused batch ${failed.batch_id}: ${failed.error}`);
    return { rate: items / seconds, cpuMsPerItem: (cpuSeconds * 1000) / items };
  } finally {
    await sender.close();
    client.close();
  }
}

/** A received batch as the next stage's input (decoded messages are valid request objects). */
function asInput(batch: ItemBatch__Output): Batch {
  return { batch_id: batch.batch_id, items: batch.items };
}
