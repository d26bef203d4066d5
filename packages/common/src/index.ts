// @sluice/common: the vocabulary every package and service shares (job statuses, scopes, source ids, and, as
// they move here, the RawItem builder and the async toolkit). Pure: no I/O, no dependencies.
export { JOB_STATUSES, TERMINAL_JOB_STATUSES, isJobStatus, isTerminalJobStatus, type JobStatus } from './job-status.js';
export { SCOPES, isScope, type Scope } from './scopes.js';
export { MANAGED_SOURCE_ID_PATTERN, SOURCE_ID_PATTERN, SOURCE_ID_REGEX, SOURCE_ID_RULE } from './source-id.js';
