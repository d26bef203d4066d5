// @sluice/common: the vocabulary every package and service shares (job statuses, scopes, source ids, the
// async toolkit, item priorities, the priority wait queue and the permits built on it). Pure: no I/O, no dependencies.
export { backoffMs, delay, sleep, type BackoffOptions, type Jitter } from './async.js';
export { JOB_STATUSES, TERMINAL_JOB_STATUSES, isJobStatus, isTerminalJobStatus, type JobStatus } from './job-status.js';
export { SCOPES, isScope, type Scope } from './scopes.js';
export { MANAGED_SOURCE_ID_PATTERN, SOURCE_ID_PATTERN, SOURCE_ID_REGEX, SOURCE_ID_RULE } from './source-id.js';
export {
  DEFAULT_PRIORITY,
  DEFAULT_PRIORITY_AGING_MILLISECONDS,
  MAX_PRIORITY,
  MIN_PRIORITY,
  agedPriority,
  batchPriority,
  clampPriority,
} from './priority.js';
export { Permits, type AcquireOptions, type PermitsOptions } from './permits.js';
export { PriorityWaitQueue } from './priority-wait-queue.js';
