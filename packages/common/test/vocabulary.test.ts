import { describe, expect, it } from 'vitest';
import {
  JOB_STATUSES,
  MANAGED_SOURCE_ID_PATTERN,
  SOURCE_ID_REGEX,
  TERMINAL_JOB_STATUSES,
  isJobStatus,
  isScope,
  isTerminalJobStatus,
} from '../src/index.js';

describe('shared vocabulary', () => {
  it('knows the job lifecycle', () => {
    expect(TERMINAL_JOB_STATUSES.every((s) => JOB_STATUSES.includes(s))).toBe(true);
    expect(isJobStatus('running')).toBe(true);
    expect(isJobStatus('done')).toBe(false);
    expect(isTerminalJobStatus('cancelled')).toBe(true);
    expect(isTerminalJobStatus('queued')).toBe(false);
  });

  it('knows the scopes', () => {
    expect(isScope('admin')).toBe(true);
    expect(isScope('root')).toBe(false);
  });

  it('accepts managed source ids as source ids', () => {
    for (const id of ['sample-sotu', 'a', 'feed.one_2']) {
      expect(new RegExp(MANAGED_SOURCE_ID_PATTERN).test(id)).toBe(true);
      expect(SOURCE_ID_REGEX.test(id)).toBe(true);
    }
    expect(SOURCE_ID_REGEX.test('-leading-dash')).toBe(false);
    expect(SOURCE_ID_REGEX.test('x'.repeat(101))).toBe(false);
  });
});
