// Supervision with real service processes: a SIGKILLed service comes back on the same ports, one that keeps
// crashing stops the stack with its last log lines, and stop() is bounded while a service is down.
import { afterEach, describe, expect, it } from 'vitest';
import { checkHealth } from '@sluice/protocol';
import { Registry } from '@sluice/service-kit';
import type { RestartPolicy } from '../src/restart-policy.js';
import { startStack, type Stack } from '../src/stack.js';
import type { SupervisorEvent } from '../src/supervised-service.js';

const FAST: RestartPolicy = {
  maxRestarts: 5,
  windowMs: 60_000,
  initialDelayMs: 200,
  maxDelayMs: 1_000,
  resetAfterMs: 30_000,
};

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop(10_000);
  stack = undefined;
});

function until(
  events: SupervisorEvent[],
  match: (e: SupervisorEvent) => boolean,
  timeoutMs = 90_000,
): Promise<SupervisorEvent> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const found = events.find(match);
      if (found) resolve(found);
      else if (Date.now() > deadline) reject(new Error(`no such supervisor event; saw ${JSON.stringify(events)}`));
      else setTimeout(poll, 50);
    };
    poll();
  });
}

describe('stack supervision', () => {
  it('restarts a SIGKILLed service on the same ports, counts it in the metric, and tells its caller when it is back', async () => {
    const events: SupervisorEvent[] = [];
    const registry = new Registry();
    stack = await startStack({
      services: ['transformer'],
      env: { SLUICE__LOG__LEVEL: 'warn' },
      restart: FAST,
      registry,
      onSupervisorEvent: (e) => events.push(e),
    });
    const address = stack.addresses.transformer!.grpcAddress;
    const first = stack.processes.get('transformer')!.child;
    first.kill('SIGKILL');
    const exited = await until(events, (e) => e.kind === 'exited');
    expect(exited).toMatchObject({ service: 'transformer', signal: 'SIGKILL', code: null, attempt: 1 });
    if (exited.kind !== 'exited') throw new Error('unreachable');
    expect(exited.delayMs).toBeGreaterThanOrEqual(100);
    expect(exited.delayMs).toBeLessThanOrEqual(200);
    await stack.waitUntilUp('transformer');
    const restarted = await until(events, (e) => e.kind === 'restarted');
    expect(restarted).toMatchObject({ service: 'transformer', attempt: 1 });
    const second = stack.processes.get('transformer')!.child;
    expect(second.pid).not.toBe(first.pid);
    expect(await checkHealth(address, '', 2_000)).toBe('SERVING');
    const metrics = await fetch(`${stack.httpUrl('transformer')}/metrics`);
    expect(metrics.status).toBe(200); // the same HTTP port too
    expect(stack.restarts()).toEqual({ transformer: 1 });
    expect(await registry.metrics()).toContain('sluice_supervisor_restarts_total{service="transformer"} 1');
  }, 180_000);

  it('stops with the service name and its last log lines once it crashes more often than the budget allows', async () => {
    const events: SupervisorEvent[] = [];
    stack = await startStack({
      services: ['transformer'],
      env: { SLUICE__LOG__LEVEL: 'info' },
      restart: { ...FAST, maxRestarts: 2 },
      onSupervisorEvent: (e) => {
        events.push(e);
        // Every time it is back, it crashes again.
        if (e.kind === 'restarted') stack!.processes.get('transformer')!.child.kill('SIGKILL');
      },
    });
    stack.processes.get('transformer')!.child.kill('SIGKILL');
    const failure = await stack.failure;
    expect(failure).toMatchObject({ kind: 'gave_up', service: 'transformer', signal: 'SIGKILL', restartsInWindow: 2 });
    expect(failure.tail).toContain('transformer started');
    expect(events.map((e) => e.kind)).toEqual(['exited', 'restarted', 'exited', 'restarted', 'gave_up']);
    await expect(stack.waitUntilUp('transformer')).rejects.toThrow(/restart budget/);
  }, 240_000);

  it('stop() is bounded while a service is down waiting for its restart', async () => {
    const events: SupervisorEvent[] = [];
    stack = await startStack({
      services: ['transformer', 'collector'],
      env: { SLUICE__LOG__LEVEL: 'warn' },
      restart: { ...FAST, initialDelayMs: 60_000, maxDelayMs: 60_000 },
      onSupervisorEvent: (e) => events.push(e),
    });
    stack.processes.get('transformer')!.child.kill('SIGKILL');
    await until(events, (e) => e.kind === 'exited');
    const started = Date.now();
    await stack.stop(10_000);
    expect(Date.now() - started).toBeLessThan(10_500);
    const collector = stack.processes.get('collector')!.child;
    expect(collector.exitCode !== null || collector.signalCode !== null).toBe(true);
    // Nothing was started again after the stop.
    expect(events.filter((e) => e.kind === 'restarted')).toHaveLength(0);
    stack = undefined;
  }, 180_000);
});
