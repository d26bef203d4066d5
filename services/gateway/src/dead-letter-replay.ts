// Replays dead letters: persistence picks and marks the rows (BeginDeadLetterReplay), the items go through the
// pipeline again from the start on the gateway's push stream (only their raw part: every stage runs again),
// and once a batch is acknowledged persistence settles its rows (FinishDeadLetterReplay): stored ones leave the
// table, ones that failed again keep the new reason with attempts + 1. Idempotent like every write: items
// upsert on their content key. Rows whose payload holds no pipeline item (a record the collector could not
// read) cannot be replayed: fix them at the source and collect again.
import type {
  Ack__Output,
  BeginDeadLetterReplayRequest,
  BeginDeadLetterReplayResponse__Output,
  DeadLetterFilter,
  DeadLetterReplayOutcome__Output,
  FinishDeadLetterReplayRequest,
  FinishDeadLetterReplayResponse__Output,
  PersistenceAdminClient,
  PipelineItem,
  RawItem,
  StoredDeadLetter__Output,
} from '@sluice/protocol';
import { getOrCreateCounter, type Counter, type Registry } from '@sluice/service-kit';
import { ApiError } from './errors.js';
import type { PushChannel } from './push-channel.js';
import type { UpstreamCaller } from './upstream-caller.js';

export const REPLAY_OUTCOMES = ['stored', 'failed', 'pending', 'not_replayable'] as const;
export type ReplayOutcome = (typeof REPLAY_OUTCOMES)[number];

export interface ReplayEntry {
  id: number;
  item_id: string;
  outcome: ReplayOutcome;
  /** The row now, for failed (new reason, attempts) and pending ones. */
  dead_letter: StoredDeadLetter__Output | null;
}

export interface ReplaySummary {
  replayed: number;
  counts: Record<ReplayOutcome, number>;
  results: ReplayEntry[];
}

const BATCH_ITEMS = 100;

/** The item to send again: the raw part of a stage's payload (a PipelineItem as JSON), or undefined. */
export function replayItem(payloadJson: string): PipelineItem | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payloadJson);
  } catch {
    return undefined;
  }
  const raw = (parsed as { raw?: unknown } | null)?.raw as RawItem | undefined;
  if (
    !raw ||
    typeof raw !== 'object' ||
    typeof raw.id !== 'string' ||
    !raw.id ||
    typeof raw.source_id !== 'string' ||
    !raw.source_id
  )
    return undefined;
  return { raw };
}

export function replayMetrics(registry: Registry): Counter<'outcome'> {
  return getOrCreateCounter(registry, {
    name: 'sluice_gateway_dead_letter_replays_total',
    help: 'Dead letters replayed, by outcome (stored, failed, pending, not_replayable)',
    labelNames: ['outcome'],
  });
}

export async function replayDeadLetters(
  deps: {
    admin: PersistenceAdminClient;
    caller: UpstreamCaller;
    push: PushChannel;
    ackWaitMs: number;
    metric: Counter<'outcome'>;
  },
  selection: { ids: number[]; filter: DeadLetterFilter; limit: number },
): Promise<ReplaySummary> {
  const { admin, caller, push } = deps;
  const begun = await caller.call<BeginDeadLetterReplayRequest, BeginDeadLetterReplayResponse__Output>(
    'persistence',
    admin,
    admin.BeginDeadLetterReplay,
    selection,
  );
  const results = new Map<number, ReplayEntry>();
  // One item may have rows of several stages: it is sent once, and each row settled.
  const byItem = new Map<string, { item: PipelineItem; ids: number[] }>();
  for (const letter of begun.dead_letters) {
    const item = replayItem(letter.payload_json);
    if (!item) {
      results.set(letter.id, {
        id: letter.id,
        item_id: letter.item_id,
        outcome: 'not_replayable',
        dead_letter: { ...letter, payload_json: '' },
      });
      continue;
    }
    const entry = byItem.get(item.raw!.id!) ?? { item, ids: [] };
    entry.ids.push(letter.id);
    byItem.set(item.raw!.id!, entry);
    results.set(letter.id, {
      id: letter.id,
      item_id: letter.item_id,
      outcome: 'pending',
      dead_letter: { ...letter, payload_json: '' },
    });
  }
  const groups = [...byItem.values()];
  if (groups.length > 0 && push.wouldOverflow(groups.length))
    throw new ApiError('overloaded', 'the pipeline is busy with pushed items; replay later', {
      retryAfterSeconds: push.retryAfterSeconds(),
    });
  const acks: Array<Promise<number[] | undefined>> = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, deps.ackWaitMs, undefined)));
  for (let start = 0; start < groups.length; start += BATCH_ITEMS) {
    const part = groups.slice(start, start + BATCH_ITEMS);
    const { ack } = push.submit(
      { items: part.map((g) => g.item) },
      part.map((g) => g.item.raw!.id!),
    );
    const ids = part.flatMap((g) => g.ids);
    acks.push(
      Promise.race([
        ack.then(
          (_: Ack__Output) => ids,
          () => undefined,
        ),
        timeout,
      ]),
    );
  }
  try {
    const acknowledged = (await Promise.all(acks)).flatMap((ids) => ids ?? []);
    if (acknowledged.length > 0) {
      const finished = await caller.call<FinishDeadLetterReplayRequest, FinishDeadLetterReplayResponse__Output>(
        'persistence',
        admin,
        admin.FinishDeadLetterReplay,
        { ids: acknowledged },
      );
      for (const outcome of finished.outcomes as DeadLetterReplayOutcome__Output[]) {
        const entry = results.get(outcome.id);
        if (!entry) continue;
        entry.outcome = outcome.outcome === 'stored' || outcome.outcome === 'failed' ? outcome.outcome : 'pending';
        entry.dead_letter = outcome.dead_letter ? { ...outcome.dead_letter, payload_json: '' } : null;
      }
    }
  } finally {
    clearTimeout(timer);
  }
  const counts = Object.fromEntries(REPLAY_OUTCOMES.map((o) => [o, 0])) as Record<ReplayOutcome, number>;
  for (const entry of results.values()) counts[entry.outcome] += 1;
  for (const outcome of REPLAY_OUTCOMES) if (counts[outcome] > 0) deps.metric.inc({ outcome }, counts[outcome]);
  return { replayed: results.size, counts, results: [...results.values()] };
}
