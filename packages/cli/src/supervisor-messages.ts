// What `sluice start` prints when the supervisor restarts a service or gives up on one.
import type { SupervisorEvent } from '@sluice/stack';

function how(event: { code: number | null; signal: string | null }): string {
  return event.signal ? `was killed by ${event.signal}` : `exited with code ${event.code}`;
}

export function describeSupervisorEvent(event: SupervisorEvent): string {
  switch (event.kind) {
    case 'exited':
      return `! ${event.service} ${how(event)} after ${(event.upMs / 1000).toFixed(1)} s up; restart ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)} s (same ports)`;
    case 'restarted':
      return `✓ ${event.service} is back (restart ${event.attempt}, pid ${event.pid}, down ${(event.downMs / 1000).toFixed(1)} s)`;
    case 'gave_up': {
      const tail = event.tail
        ? event.tail
            .split('\n')
            .map((line) => `    ${line}`)
            .join('\n')
        : '    (no output)';
      return (
        `✗ ${event.service} ${how(event)} again after ${event.restartsInWindow} restart(s) within ${(event.windowMs / 1000).toFixed(0)} s: ` +
        `giving up and stopping the run. Its last log lines:\n${tail}`
      );
    }
  }
}
