// Original file: protos/sluice/v1/admin.proto

import type { StoredDeadLetter as _sluice_v1_StoredDeadLetter, StoredDeadLetter__Output as _sluice_v1_StoredDeadLetter__Output } from '../../sluice/v1/StoredDeadLetter.js';

export interface ListDeadLettersResponse {
  'dead_letters'?: (_sluice_v1_StoredDeadLetter)[];
  'next_cursor'?: (string);
}

export interface ListDeadLettersResponse__Output {
  'dead_letters': (_sluice_v1_StoredDeadLetter__Output)[];
  'next_cursor': (string);
}
