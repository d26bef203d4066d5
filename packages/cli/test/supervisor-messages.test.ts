import { describe, expect, it } from 'vitest';
import { describeSupervisorEvent } from '../src/supervisor-messages.js';

describe('supervisor messages', () => {
  it('names the service, how it ended, the attempt and the next delay', () => {
    expect(
      describeSupervisorEvent({
        kind: 'exited',
        service: 'scorer',
        code: 1,
        signal: null,
        attempt: 2,
        delayMs: 1_500,
        upMs: 4_200,
      }),
    ).toBe('! scorer exited with code 1 after 4.2 s up; restart 2 in 1.5 s (same ports)');
    expect(describeSupervisorEvent({ kind: 'restarted', service: 'scorer', attempt: 2, pid: 77, downMs: 3_000 })).toBe(
      '✓ scorer is back (restart 2, pid 77, down 3.0 s)',
    );
  });

  it('gives up with the service name and its last log lines, indented', () => {
    const message = describeSupervisorEvent({
      kind: 'gave_up',
      service: 'inference',
      code: null,
      signal: 'SIGKILL',
      restartsInWindow: 5,
      windowMs: 60_000,
      tail: '{"level":50,"msg":"out of memory"}\nlast line',
    });
    expect(message).toBe(
      '✗ inference was killed by SIGKILL again after 5 restart(s) within 60 s: giving up and stopping the run. Its last log lines:\n' +
        '    {"level":50,"msg":"out of memory"}\n    last line',
    );
  });
});
