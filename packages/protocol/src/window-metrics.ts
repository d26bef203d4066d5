// How full each downstream flow-control window is, read at scrape time: items a stage sent on and is still
// waiting to have acknowledged. Next to the receiving stage's in-flight batches it shows where work is held up
// (a full window in front of an idle stage is a stalled stage).
import { Gauge, type Registry } from '@sluice/service-kit';

const windows = new WeakMap<Registry, Map<string, () => number>>();

/** Reports `unackedItems()` as sluice_stage_downstream_unacked_items{stage} on `registry`. */
export function observeDownstreamWindow(registry: Registry, stage: string, unackedItems: () => number): void {
  let stages = windows.get(registry);
  if (!stages) {
    const readers = new Map<string, () => number>();
    stages = readers;
    windows.set(registry, readers);
    new Gauge({
      name: 'sluice_stage_downstream_unacked_items',
      help: 'Items sent to the next stage and not yet acknowledged (the flow-control window in use), by sending stage',
      labelNames: ['stage'],
      registers: [registry],
      collect() {
        for (const [name, read] of readers) this.set({ stage: name }, read());
      },
    });
  }
  stages.set(stage, unackedItems);
}
