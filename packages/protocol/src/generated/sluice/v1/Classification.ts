// Original file: protos/sluice/v1/content.proto

import type { Label as _sluice_v1_Label, Label__Output as _sluice_v1_Label__Output } from '../../sluice/v1/Label.js';

/**
 * Output of one classification model for one item; labels sorted by score, highest first.
 */
export interface Classification {
  'model'?: (string);
  /**
   * "sentiment", "topics", "spam", or a custom model's task name.
   */
  'task'?: (string);
  'labels'?: (_sluice_v1_Label)[];
}

/**
 * Output of one classification model for one item; labels sorted by score, highest first.
 */
export interface Classification__Output {
  'model': (string);
  /**
   * "sentiment", "topics", "spam", or a custom model's task name.
   */
  'task': (string);
  'labels': (_sluice_v1_Label__Output)[];
}
