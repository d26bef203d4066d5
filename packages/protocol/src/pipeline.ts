// The pipeline, declared once. Each service's next hop (where its pipeline stream goes), the order the stack
// starts services in, and the stages the CLI summarises all come from here.

/** The pipeline in order: each stage streams its output to the next. */
export const PIPELINE = ['collector', 'transformer', 'inference', 'scorer', 'persistence'] as const;
export type PipelineServiceName = (typeof PIPELINE)[number];

/** Every service: the pipeline and the gateway, which pushes into it from the HTTP API. */
export type SluiceServiceName = PipelineServiceName | 'gateway';

/** Stages that receive a pipeline stream (the PipelineStage service): every stage but the source. */
export const STREAM_STAGES = ['transformer', 'inference', 'scorer', 'persistence'] as const;
export type StreamStageName = (typeof STREAM_STAGES)[number];

interface Node {
  /** Where this service's pipeline stream goes; none for the sink. */
  next?: StreamStageName;
  /** Services it calls before it can serve (start-up work, unary calls): they start first. */
  calls: readonly SluiceServiceName[];
}

const TOPOLOGY: Readonly<Record<SluiceServiceName, Node>> = {
  collector: { next: 'transformer', calls: ['persistence'] },
  transformer: { next: 'inference', calls: ['persistence'] },
  // Pipeline streams reconnect until the next stage is up, so a next hop need not start first.
  inference: { next: 'scorer', calls: [] },
  scorer: { next: 'persistence', calls: ['inference', 'persistence'] },
  persistence: { calls: [] },
  gateway: { next: 'transformer', calls: ['persistence', 'inference', 'collector'] },
};

/** The stage `service` streams to; undefined for the sink (persistence, the only node without `next`). */
export function nextHop(service: Exclude<SluiceServiceName, 'persistence'>): StreamStageName;
export function nextHop(service: SluiceServiceName): StreamStageName | undefined;
export function nextHop(service: SluiceServiceName): StreamStageName | undefined {
  return TOPOLOGY[service].next;
}

/**
 * Start order: every service after the ones it calls; among those ready, the one nearest the sink first (so a
 * stage's next hop is usually up when it starts), the gateway last.
 */
export function startOrder(): SluiceServiceName[] {
  const preference: SluiceServiceName[] = [...PIPELINE].reverse();
  preference.push('gateway');
  const started: SluiceServiceName[] = [];
  while (started.length < preference.length) {
    const ready = preference.find((s) => !started.includes(s) && TOPOLOGY[s].calls.every((c) => started.includes(c)));
    if (!ready) throw new Error('the pipeline topology has a cycle in its calls');
    started.push(ready);
  }
  return started;
}

/** startOrder(), computed once. */
export const START_ORDER: readonly SluiceServiceName[] = startOrder();
