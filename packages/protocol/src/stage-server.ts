// The receiving half of a pipeline stream, shared by every stage so none re-implements acknowledgement,
// flow control or draining. A relay stage (transformer, inference, scorer) processes each batch and forwards
// it on its own downstream stream, relaying the downstream acknowledgement back; a sink (persistence)
// acknowledges after its own commit. A stage reads ahead what its upstream's window lets through and processes
// the most urgent batches first (priority with aging, @sluice/common priority.ts).
import * as grpc from '@grpc/grpc-js';
import { DEFAULT_PRIORITY_AGING_MILLISECONDS, PriorityWaitQueue, batchPriority } from '@sluice/common';
import type { Logger, Registry } from '@sluice/service-kit';
import type { Ack, Ack__Output } from './generated/sluice/v1/Ack.js';
import type { ItemBatch, ItemBatch__Output } from './generated/sluice/v1/ItemBatch.js';
import { createBatchSender, type BatchSender } from './pipeline-fanout.js';
import type { PipelineStream } from './pipeline-sender.js';
import { stageMetrics } from './stage-metrics.js';
import { observeDownstreamWindow } from './window-metrics.js';

type UpstreamCall = grpc.ServerDuplexStream<ItemBatch__Output, Ack>;

export interface StageContext {
  /** Aborted when the upstream caller went away: stop spending compute on this batch. */
  signal: AbortSignal;
}

export interface StageCommon {
  /** Stage name for metrics and logs: transformer, inference, scorer, persistence. */
  stage: string;
  logger: Logger;
  registry: Registry;
  /**
   * Batches of one upstream stream received and not yet acknowledged; beyond it the stream is paused (default
   * 64, the sender's own batch limit, so the stage sees every batch it could choose from).
   */
  maxInFlightBatchesPerStream?: number;
  /** Batches in processing at once, per open upstream stream (default 8); the others wait, most urgent first. */
  processingBatchesPerStream?: number;
  /** Waiting this long raises a batch's priority by one level, here and in the downstream window (default 5000). */
  priorityAgingMilliseconds?: number;
}

export interface RelayStageOptions extends StageCommon {
  /** Turns a batch into the batch to forward (same batch_id); per-item failures become dead letters. */
  process: (batch: ItemBatch__Output, context: StageContext) => Promise<ItemBatch>;
  /** Opens a stream to the next stage. */
  connectDownstream: () => PipelineStream;
  /** Window of unacknowledged items towards the next stage, per upstream stream. */
  maxInFlightItems: number;
  /** Downstream streams per upstream stream (spreads work over replicas of the next stage; default 1). */
  downstreamStreams?: number;
}

export interface SinkStageOptions extends StageCommon {
  /** Makes the batch durable and returns its acknowledgement; called only after the commit. */
  write: (batch: ItemBatch__Output, context: StageContext) => Promise<Ack>;
}

export interface StageHandler {
  /** The PipelineStage service implementation to add to a gRPC server. */
  implementation: { Process: grpc.handleBidiStreamingCall<ItemBatch__Output, Ack> };
  /** Upstream streams open right now. */
  readonly openStreams: number;
  /** Items forwarded downstream and not yet acknowledged, over every stream (0 for a sink). */
  readonly downstreamUnackedItems: number;
  /** Stops reading new batches, waits for in-flight ones to be acknowledged, then ends every stream. */
  drain(timeoutMs?: number): Promise<void>;
}

/** Tracks wall time with ≥1 batch in processing, so items/s per stage means "while it was working". */
class BusyClock {
  #active = 0;
  #since = 0;
  constructor(private readonly onBusy: (seconds: number) => void) {}
  start(): void {
    if (this.#active++ === 0) this.#since = performance.now();
  }
  stop(): void {
    if (--this.#active === 0) this.onBusy((performance.now() - this.#since) / 1000);
  }
}

function countItems(batch: { items?: unknown[] | null; dead_letters?: unknown[] | null }): number {
  return (batch.items?.length ?? 0) + (batch.dead_letters?.length ?? 0);
}

interface StreamState {
  call: UpstreamCall;
  inFlight: number;
  ended: boolean;
  finished: boolean;
  abort: AbortController;
  sender?: BatchSender;
  finish: () => void;
}

type Measure = <T>(batch: ItemBatch__Output, work: () => Promise<T>) => Promise<T>;

function createStage(
  common: StageCommon,
  process: (batch: ItemBatch__Output, state: StreamState, measure: Measure) => Promise<Ack>,
  makeSender?: () => BatchSender,
): StageHandler {
  const metrics = stageMetrics(common.registry);
  const busy = new BusyClock((seconds) => metrics.busySeconds.inc({ stage: common.stage }, seconds));
  const streams = new Set<StreamState>();
  const maxInFlight = common.maxInFlightBatchesPerStream ?? 64;
  const slotsPerStream = common.processingBatchesPerStream ?? 8;
  let processing = 0;
  const takeSlot = (): boolean => {
    if (processing >= slotsPerStream * Math.max(1, streams.size)) return false;
    processing += 1;
    return true;
  };
  const slots = new PriorityWaitQueue<null>(
    takeSlot,
    common.priorityAgingMilliseconds ?? DEFAULT_PRIORITY_AGING_MILLISECONDS,
  );
  // Busy time and process latency cover the stage's own work only (not the wait for a slot or for downstream
  // acks), so items per busy second is the stage's real throughput.
  const measure = async <T>(batch: ItemBatch__Output, work: () => Promise<T>): Promise<T> => {
    await slots.acquire(null, batchPriority(batch.items));
    busy.start();
    const started = performance.now();
    try {
      return await work();
    } finally {
      metrics.processSeconds.observe({ stage: common.stage }, (performance.now() - started) / 1000);
      busy.stop();
      processing -= 1;
      slots.admit();
    }
  };
  const handle = (batch: ItemBatch__Output, state: StreamState): Promise<Ack> => process(batch, state, measure);
  let draining = false;
  const drainWaiters: Array<() => void> = [];
  const notify = () => drainWaiters.splice(0).forEach((wake) => wake());

  const Process = (call: UpstreamCall) => {
    const state: StreamState = {
      call,
      inFlight: 0,
      ended: false,
      finished: false,
      abort: new AbortController(),
      sender: makeSender?.(),
      finish: () => {
        if (state.finished) return;
        state.finished = true;
        streams.delete(state);
        metrics.streams.set({ stage: common.stage }, streams.size);
        notify();
        const end = () => {
          try {
            call.end();
          } catch {
            /* the call is already gone */
          }
        };
        if (state.sender) state.sender.close().then(end, end);
        else end();
      },
    };
    streams.add(state);
    metrics.streams.set({ stage: common.stage }, streams.size);
    if (draining) call.pause();

    call.on('data', (batch: ItemBatch__Output) => {
      const started = performance.now();
      state.inFlight += 1;
      metrics.inFlight.inc({ stage: common.stage });
      metrics.items.inc({ stage: common.stage, direction: 'in' }, countItems(batch));
      if (state.inFlight >= maxInFlight) call.pause();
      handle(batch, state)
        .catch((error: Error): Ack => {
          common.logger.warn({ err: error, batch_id: batch.batch_id }, 'batch failed; the sender will retry it');
          return { batch_id: batch.batch_id, error: error.message || 'stage error' };
        })
        .then((ack) => {
          metrics.batches.inc({ stage: common.stage, outcome: ack.error ? 'error' : 'ok' });
          metrics.ackSeconds.observe({ stage: common.stage }, (performance.now() - started) / 1000);
          if (!state.abort.signal.aborted) call.write(ack);
          state.inFlight -= 1;
          metrics.inFlight.dec({ stage: common.stage });
          notify();
          if (state.inFlight < maxInFlight && !draining) call.resume();
          if (state.ended && state.inFlight === 0) state.finish();
        });
    });
    call.on('end', () => {
      state.ended = true;
      if (state.inFlight === 0) state.finish();
    });
    const gone = () => {
      if (state.finished) return;
      state.abort.abort();
      state.sender?.abort('upstream cancelled');
      state.finished = true;
      streams.delete(state);
      metrics.streams.set({ stage: common.stage }, streams.size);
      notify();
    };
    call.on('cancelled', gone);
    call.on('error', gone);
  };

  return {
    implementation: { Process },
    get openStreams() {
      return streams.size;
    },
    get downstreamUnackedItems() {
      let items = 0;
      for (const state of streams) items += state.sender?.inFlightItems ?? 0;
      return items;
    },
    async drain(timeoutMs = 15_000) {
      draining = true;
      for (const state of streams) state.call.pause();
      const deadline = Date.now() + timeoutMs;
      while ([...streams].some((s) => s.inFlight > 0) && Date.now() < deadline) {
        await Promise.race([
          new Promise<void>((resolve) => drainWaiters.push(resolve)),
          new Promise((resolve) => setTimeout(resolve, 200)),
        ]);
      }
      for (const state of [...streams]) state.finish();
    },
  };
}

/** A stage that processes each batch and forwards it downstream; acks come back from the sink. */
export function createRelayStage(options: RelayStageOptions): StageHandler {
  const metrics = stageMetrics(options.registry);
  const handler = createStage(
    options,
    async (batch, state, measure) => {
      const out = await measure(batch, () => options.process(batch, { signal: state.abort.signal }));
      metrics.items.inc({ stage: options.stage, direction: 'out' }, out.items?.length ?? 0);
      metrics.items.inc(
        { stage: options.stage, direction: 'dead_lettered' },
        Math.max(0, (out.dead_letters?.length ?? 0) - (batch.dead_letters?.length ?? 0)),
      );
      const ack: Ack__Output = await state.sender!.send({ ...out, batch_id: batch.batch_id });
      return ack;
    },
    () =>
      createBatchSender({
        connect: options.connectDownstream,
        maxInFlightItems: options.maxInFlightItems,
        streams: options.downstreamStreams,
        priorityAgingMilliseconds: options.priorityAgingMilliseconds,
        onEvent: (event) => options.logger.warn({ event, stage: options.stage }, 'downstream stream event'),
      }),
  );
  observeDownstreamWindow(options.registry, options.stage, () => handler.downstreamUnackedItems);
  return handler;
}

/** The last stage: acknowledges after its own commit. */
export function createSinkStage(options: SinkStageOptions): StageHandler {
  const metrics = stageMetrics(options.registry);
  return createStage(options, async (batch, state, measure) => {
    const ack = await measure(batch, () => options.write(batch, { signal: state.abort.signal }));
    if (!ack.error) {
      metrics.items.inc(
        { stage: options.stage, direction: 'out' },
        (ack.inserted ?? 0) + (ack.updated ?? 0) + (ack.unchanged ?? 0),
      );
      metrics.items.inc({ stage: options.stage, direction: 'dead_lettered' }, ack.dead_lettered ?? 0);
    }
    return ack;
  });
}
