// The metrics every stage handler shares (labelled by stage), declared once per registry.
import { getOrCreateCounter, getOrCreateGauge, getOrCreateHistogram, type Registry } from '@sluice/service-kit';

export type StageMetrics = ReturnType<typeof stageMetrics>;

export function stageMetrics(registry: Registry) {
  return {
    batches: getOrCreateCounter(registry, {
      name: 'sluice_stage_batches_total',
      help: 'Batches handled by the stage, by outcome (ok, error)',
      labelNames: ['stage', 'outcome'],
    }),
    items: getOrCreateCounter(registry, {
      name: 'sluice_stage_items_total',
      help: 'Items through the stage: in (received), out (forwarded or stored), dead_lettered',
      labelNames: ['stage', 'direction'],
    }),
    processSeconds: getOrCreateHistogram(registry, {
      name: 'sluice_stage_process_seconds',
      help: 'Time to process one batch in this stage',
      labelNames: ['stage'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    ackSeconds: getOrCreateHistogram(registry, {
      name: 'sluice_stage_ack_seconds',
      help: 'Time from receiving a batch to acknowledging it upstream (durable)',
      labelNames: ['stage'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    }),
    busySeconds: getOrCreateCounter(registry, {
      name: 'sluice_stage_busy_seconds_total',
      help: 'Wall time during which the stage had at least one batch in processing',
      labelNames: ['stage'],
    }),
    inFlight: getOrCreateGauge(registry, {
      name: 'sluice_stage_in_flight_batches',
      help: 'Batches received but not yet acknowledged',
      labelNames: ['stage'],
    }),
    streams: getOrCreateGauge(registry, {
      name: 'sluice_stage_open_streams',
      help: 'Upstream streams open',
      labelNames: ['stage'],
    }),
  };
}
