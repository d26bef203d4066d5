// Original file: protos/sluice/v1/admin.proto

import type { DeadLetterReplayOutcome as _sluice_v1_DeadLetterReplayOutcome, DeadLetterReplayOutcome__Output as _sluice_v1_DeadLetterReplayOutcome__Output } from '../../sluice/v1/DeadLetterReplayOutcome.js';

export interface FinishDeadLetterReplayResponse {
  'outcomes'?: (_sluice_v1_DeadLetterReplayOutcome)[];
}

export interface FinishDeadLetterReplayResponse__Output {
  'outcomes': (_sluice_v1_DeadLetterReplayOutcome__Output)[];
}
