// Original file: protos/sluice/v1/inference.proto

import type { TextInput as _sluice_v1_TextInput, TextInput__Output as _sluice_v1_TextInput__Output } from '../../sluice/v1/TextInput.js';

export interface ClassifyRequest {
  /**
   * Empty: every classification model (sentiment, topics, spam ...).
   */
  'models'?: (string)[];
  'inputs'?: (_sluice_v1_TextInput)[];
}

export interface ClassifyRequest__Output {
  /**
   * Empty: every classification model (sentiment, topics, spam ...).
   */
  'models': (string)[];
  'inputs': (_sluice_v1_TextInput__Output)[];
}
