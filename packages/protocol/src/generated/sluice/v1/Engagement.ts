// Original file: protos/sluice/v1/content.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Engagement signals where a source has them (Hacker News points, Reddit comments, ...).
 */
export interface Engagement {
  'points'?: (number | string | Long);
  'comments'?: (number | string | Long);
}

/**
 * Engagement signals where a source has them (Hacker News points, Reddit comments, ...).
 */
export interface Engagement__Output {
  'points': (number);
  'comments': (number);
}
