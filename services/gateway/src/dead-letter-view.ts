// The JSON shape of a dead letter in API responses (with its payload on GET /v1/dead-letters/:id).
import { Type } from '@sinclair/typebox';
import type { StoredDeadLetter__Output } from '@sluice/protocol';
import { isoTime } from './iso-time.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const DeadLetterSchema = Type.Object({
  id: Type.Integer(),
  item_id: Type.String(),
  source_id: Type.String(),
  stage: Type.String({ description: 'collector, transformer, inference, scorer or persistence' }),
  reason: Type.String({ description: 'Stable reason code, e.g. invalid_item, model_error, write_failed' }),
  detail: Type.String(),
  attempts: Type.Integer({ description: 'Times the item failed (a replay that fails again adds one)' }),
  replays: Type.Integer(),
  first_seen_at: Nullable(Type.String({ format: 'date-time' })),
  last_seen_at: Nullable(Type.String({ format: 'date-time' })),
  last_replayed_at: Nullable(Type.String({ format: 'date-time' })),
});
export const DeadLetterWithPayload = Type.Object({
  ...DeadLetterSchema.properties,
  payload: Type.Unknown({ description: 'The item as the stage saw it (JSON)' }),
});

export function deadLetterView(letter: StoredDeadLetter__Output) {
  return {
    id: Number(letter.id),
    item_id: letter.item_id,
    source_id: letter.source_id,
    stage: letter.stage,
    reason: letter.reason,
    detail: letter.detail,
    attempts: letter.attempts,
    replays: letter.replays,
    first_seen_at: isoTime(Number(letter.first_seen_at_ms)),
    last_seen_at: isoTime(Number(letter.last_seen_at_ms)),
    last_replayed_at: isoTime(Number(letter.last_replayed_at_ms)),
  };
}

/** The payload as JSON where it parses, else the text as stored. */
export function parsePayload(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}
