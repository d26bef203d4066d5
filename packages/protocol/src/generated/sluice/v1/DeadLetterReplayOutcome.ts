// Original file: protos/sluice/v1/admin.proto

import type { StoredDeadLetter as _sluice_v1_StoredDeadLetter, StoredDeadLetter__Output as _sluice_v1_StoredDeadLetter__Output } from '../../sluice/v1/StoredDeadLetter.js';
import type { Long } from '@grpc/proto-loader';

export interface DeadLetterReplayOutcome {
  'id'?: (number | string | Long);
  'item_id'?: (string);
  /**
   * "stored" (the item is stored now: the row is gone), "failed" (it was dead-lettered again: dead_letter is the
   * row now, with the new reason and attempts + 1), "pending" (neither is visible yet: the row stays).
   */
  'outcome'?: (string);
  'dead_letter'?: (_sluice_v1_StoredDeadLetter | null);
}

export interface DeadLetterReplayOutcome__Output {
  'id': (number);
  'item_id': (string);
  /**
   * "stored" (the item is stored now: the row is gone), "failed" (it was dead-lettered again: dead_letter is the
   * row now, with the new reason and attempts + 1), "pending" (neither is visible yet: the row stays).
   */
  'outcome': (string);
  'dead_letter': (_sluice_v1_StoredDeadLetter__Output | null);
}
