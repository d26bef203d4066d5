// Original file: protos/sluice/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface SourceDefinition {
  /**
   * Unique source id, [a-z0-9][a-z0-9_.-]{0,63}.
   */
  'id'?: (string);
  /**
   * rss, atom, json_feed, jsonl, csv, hacker_news, reddit, github, http_json, ...
   */
  'kind'?: (string);
  /**
   * Kind-specific settings as JSON (url, path, headers, ...), validated by the collector.
   */
  'config_json'?: (string);
  'enabled'?: (boolean);
  /**
   * 0 (lowest) .. 9 (highest).
   */
  'priority'?: (number);
  'interval_seconds'?: (number);
  'created_at_ms'?: (number | string | Long);
  'updated_at_ms'?: (number | string | Long);
}

export interface SourceDefinition__Output {
  /**
   * Unique source id, [a-z0-9][a-z0-9_.-]{0,63}.
   */
  'id': (string);
  /**
   * rss, atom, json_feed, jsonl, csv, hacker_news, reddit, github, http_json, ...
   */
  'kind': (string);
  /**
   * Kind-specific settings as JSON (url, path, headers, ...), validated by the collector.
   */
  'config_json': (string);
  'enabled': (boolean);
  /**
   * 0 (lowest) .. 9 (highest).
   */
  'priority': (number);
  'interval_seconds': (number);
  'created_at_ms': (number);
  'updated_at_ms': (number);
}
