// Original file: protos/sluice/v1/admin.proto

import type { StoredDeadLetter as _sluice_v1_StoredDeadLetter, StoredDeadLetter__Output as _sluice_v1_StoredDeadLetter__Output } from '../../sluice/v1/StoredDeadLetter.js';

export interface GetDeadLetterResponse {
  'found'?: (boolean);
  'dead_letter'?: (_sluice_v1_StoredDeadLetter | null);
}

export interface GetDeadLetterResponse__Output {
  'found': (boolean);
  'dead_letter': (_sluice_v1_StoredDeadLetter__Output | null);
}
