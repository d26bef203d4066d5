// The JSON shapes of sources in API responses: configured sources (from the collector), managed definitions
// (persistence), their collection state and recent errors; and the body of a definition.
import { Type } from '@sinclair/typebox';
import type {
  ListSourceErrorsResponse__Output,
  ListSourcesResponse__Output,
  GetSourceStateResponse__Output,
  SourceDefinition__Output,
} from '@sluice/protocol';
import { isoTime } from './iso-time.js';

export const SourceSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  enabled: Type.Boolean(),
  priority: Type.Integer(),
  interval_seconds: Type.Integer(),
  config: Type.Unknown(),
  origin: Type.Union([Type.Literal('config'), Type.Literal('api')], {
    description: 'config: config/sluice.yaml (read-only here); api: managed through this API',
  }),
  updated_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const DefinitionBody = Type.Object(
  {
    kind: Type.String({
      pattern: '^[a-z][a-z0-9_]{0,31}$',
      description: 'rss, atom, json_feed, jsonl, csv, hacker_news, reddit, github, http_json, ...',
    }),
    config: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'Kind-specific settings (url, path, headers, ...), validated by the collector. path: relative to collector.import_directories; allow_private_network is refused (operators allow networks in config); secrets only from SLUICE_SOURCE_* variables',
    }),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 9, default: 5 })),
    interval_seconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 604_800, default: 900 })),
  },
  { additionalProperties: false },
);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return {};
  }
}

export function definitionView(d: SourceDefinition__Output) {
  return {
    id: d.id,
    kind: d.kind,
    enabled: d.enabled,
    priority: d.priority,
    interval_seconds: d.interval_seconds,
    config: parseJson(d.config_json),
    origin: 'api' as const,
    updated_at: isoTime(d.updated_at_ms),
  };
}

export const SourceDetailSchema = Type.Object({
  id: Type.String(),
  definition: Type.Union([SourceSchema, Type.Null()]),
  state: Type.Union([
    Type.Object({
      last_success_at: Type.Union([Type.String(), Type.Null()]),
      next_fetch_at: Type.Union([Type.String(), Type.Null()]),
      consecutive_errors: Type.Integer(),
      breaker_state: Type.String(),
      last_error: Type.String(),
      items_total: Type.Number(),
    }),
    Type.Null(),
  ]),
  recent_errors: Type.Array(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      http_status: Type.Integer(),
      url: Type.String(),
      occurred_at: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

type ConfiguredSource = ListSourcesResponse__Output['sources'][number];
type SourceState = GetSourceStateResponse__Output['states'][number];
type SourceError = ListSourceErrorsResponse__Output['errors'][number];

/** A source from config/sluice.yaml, as the collector lists it. */
export function configuredSourceView(s: ConfiguredSource) {
  return {
    id: s.id,
    kind: s.kind,
    enabled: s.enabled,
    priority: s.priority,
    interval_seconds: s.interval_seconds,
    config: parseJson(s.config_json),
    origin: 'config' as const,
  };
}

export function sourceStateView(s: SourceState) {
  return {
    last_success_at: isoTime(s.last_success_ms),
    next_fetch_at: isoTime(s.next_fetch_ms),
    consecutive_errors: s.consecutive_errors,
    breaker_state: s.breaker_state,
    last_error: s.last_error,
    items_total: s.items_total,
  };
}

export function sourceErrorView(e: SourceError) {
  return {
    code: e.code,
    message: e.message,
    http_status: e.http_status,
    url: e.url,
    occurred_at: isoTime(e.occurred_at_ms),
  };
}
