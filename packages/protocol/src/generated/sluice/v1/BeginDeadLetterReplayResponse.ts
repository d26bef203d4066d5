// Original file: protos/sluice/v1/admin.proto

import type { StoredDeadLetter as _sluice_v1_StoredDeadLetter, StoredDeadLetter__Output as _sluice_v1_StoredDeadLetter__Output } from '../../sluice/v1/StoredDeadLetter.js';
import type { Long } from '@grpc/proto-loader';

export interface BeginDeadLetterReplayResponse {
  /**
   * With payloads; each got replays + 1 and last_replayed_at = started_at.
   */
  'dead_letters'?: (_sluice_v1_StoredDeadLetter)[];
  /**
   * The database's clock when the replay started.
   */
  'started_at_ms'?: (number | string | Long);
}

export interface BeginDeadLetterReplayResponse__Output {
  /**
   * With payloads; each got replays + 1 and last_replayed_at = started_at.
   */
  'dead_letters': (_sluice_v1_StoredDeadLetter__Output)[];
  /**
   * The database's clock when the replay started.
   */
  'started_at_ms': (number);
}
