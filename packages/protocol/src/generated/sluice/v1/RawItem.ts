// Original file: protos/sluice/v1/content.proto

import type { Engagement as _sluice_v1_Engagement, Engagement__Output as _sluice_v1_Engagement__Output } from '../../sluice/v1/Engagement.js';
import type { Long } from '@grpc/proto-loader';

/**
 * An item as the collector found it. Text fields may hold HTML (see content_type).
 */
export interface RawItem {
  /**
   * Stable content key: sha256(source_id + "\n" + external_id) as 32 hex chars (see @sluice/content itemId).
   */
  'id'?: (string);
  'source_id'?: (string);
  /**
   * Kind of the source: rss, atom, json_feed, jsonl, csv, hacker_news, reddit, github, http_json, push.
   */
  'source_kind'?: (string);
  /**
   * The item's id at its source (feed guid, API id); the URL when the source has none.
   */
  'external_id'?: (string);
  'url'?: (string);
  'title'?: (string);
  'summary'?: (string);
  'content'?: (string);
  /**
   * "text/html" or "text/plain".
   */
  'content_type'?: (string);
  'author'?: (string);
  /**
   * Milliseconds since the Unix epoch; 0 when unknown.
   */
  'published_at_ms'?: (number | string | Long);
  'collected_at_ms'?: (number | string | Long);
  'tags'?: (string)[];
  'attributes'?: ({[key: string]: string});
  'engagement'?: (_sluice_v1_Engagement | null);
  /**
   * 0 (lowest) .. 9 (highest); set from the source, raised or lowered by the score.
   */
  'priority'?: (number);
  /**
   * Authority of the source, 0..1 (config), used by the score.
   */
  'source_weight'?: (number | string);
  'language_hint'?: (string);
}

/**
 * An item as the collector found it. Text fields may hold HTML (see content_type).
 */
export interface RawItem__Output {
  /**
   * Stable content key: sha256(source_id + "\n" + external_id) as 32 hex chars (see @sluice/content itemId).
   */
  'id': (string);
  'source_id': (string);
  /**
   * Kind of the source: rss, atom, json_feed, jsonl, csv, hacker_news, reddit, github, http_json, push.
   */
  'source_kind': (string);
  /**
   * The item's id at its source (feed guid, API id); the URL when the source has none.
   */
  'external_id': (string);
  'url': (string);
  'title': (string);
  'summary': (string);
  'content': (string);
  /**
   * "text/html" or "text/plain".
   */
  'content_type': (string);
  'author': (string);
  /**
   * Milliseconds since the Unix epoch; 0 when unknown.
   */
  'published_at_ms': (number);
  'collected_at_ms': (number);
  'tags': (string)[];
  'attributes': ({[key: string]: string});
  'engagement': (_sluice_v1_Engagement__Output | null);
  /**
   * 0 (lowest) .. 9 (highest); set from the source, raised or lowered by the score.
   */
  'priority': (number);
  /**
   * Authority of the source, 0..1 (config), used by the score.
   */
  'source_weight': (number);
  'language_hint': (string);
}
