// End-of-run summary: what each stage did, read from the services' own Prometheus metrics.
import { parsePrometheusText, sumSamples } from './prometheus-text.js';

export interface StageStats {
  stage: string;
  itemsIn: number;
  itemsOut: number;
  deadLettered: number;
  busySeconds: number;
  /** Items per second while the stage was working (items in / busy seconds). */
  itemsPerSecond: number;
  rssMegabytes: number;
}

export async function fetchStageStats(stage: string, metricsUrl: string): Promise<StageStats | undefined> {
  let text: string;
  try {
    text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(3000) })).text();
  } catch {
    return undefined;
  }
  const samples = parsePrometheusText(text);
  const itemsIn = sumSamples(samples, 'sluice_stage_items_total', { stage, direction: 'in' });
  const busySeconds = sumSamples(samples, 'sluice_stage_busy_seconds_total', { stage });
  return {
    stage,
    itemsIn,
    itemsOut: sumSamples(samples, 'sluice_stage_items_total', { stage, direction: 'out' }),
    deadLettered: sumSamples(samples, 'sluice_stage_items_total', { stage, direction: 'dead_lettered' }),
    busySeconds,
    itemsPerSecond: busySeconds > 0 ? itemsIn / busySeconds : 0,
    rssMegabytes: sumSamples(samples, 'sluice_process_resident_memory_bytes') / 2 ** 20,
  };
}
