// Original file: protos/sluice/v1/inference.proto

import type { TextInput as _sluice_v1_TextInput, TextInput__Output as _sluice_v1_TextInput__Output } from '../../sluice/v1/TextInput.js';

export interface EmbedRequest {
  /**
   * Empty: the default embedding model.
   */
  'model'?: (string);
  'inputs'?: (_sluice_v1_TextInput)[];
}

export interface EmbedRequest__Output {
  /**
   * Empty: the default embedding model.
   */
  'model': (string);
  'inputs': (_sluice_v1_TextInput__Output)[];
}
