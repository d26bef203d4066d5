// A service process that is started again when it exits without being asked to (a crash, an OOM kill, a
// SIGKILL), on the same ports, after a backoff and within a restart budget (restart-policy.ts). Supervision
// starts once the service was ready the first time: a service that cannot start at all (bad config, taken
// port) fails the start-up instead of looping.
import { RestartBudget, type RestartPolicy } from './restart-policy.js';
import type { ServiceName, ServiceProcess } from './service-process.js';
import { waitUntilServing } from './wait-until-serving.js';

export type SupervisorEvent =
  /** The service exited on its own; it is started again after `delayMs`. */
  | {
      kind: 'exited';
      service: ServiceName;
      code: number | null;
      signal: string | null;
      attempt: number;
      delayMs: number;
      upMs: number;
    }
  /** A restarted service is serving again. */
  | { kind: 'restarted'; service: ServiceName; attempt: number; pid: number | undefined; downMs: number }
  /** The service exhausted its restart budget: the stack fails. `tail` holds its last log lines. */
  | {
      kind: 'gave_up';
      service: ServiceName;
      code: number | null;
      signal: string | null;
      restartsInWindow: number;
      windowMs: number;
      tail: string;
    };

export type GaveUp = Extract<SupervisorEvent, { kind: 'gave_up' }>;

export interface SupervisedServiceOptions {
  name: ServiceName;
  grpcAddress: string;
  /** Starts a fresh process of the service (same environment, so the same ports). */
  spawn: () => ServiceProcess;
  policy: RestartPolicy;
  readyTimeoutMs: number;
  onEvent: (event: SupervisorEvent) => void;
  random?: () => number;
}

/** A supervised service; `child`, `exited` and `tail` follow the current process. */
export class SupervisedService implements ServiceProcess {
  readonly name: ServiceName;
  readonly #options: SupervisedServiceOptions;
  readonly #budget: RestartBudget;
  #current: ServiceProcess;
  #readyAt = 0;
  #up = false;
  #stopped = false;
  #delay: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  #upWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  #failure: GaveUp | undefined;

  constructor(options: SupervisedServiceOptions) {
    this.name = options.name;
    this.#options = options;
    this.#budget = new RestartBudget(options.policy, options.random);
    this.#current = options.spawn();
  }

  get child() {
    return this.#current.child;
  }

  get exited(): Promise<number | null> {
    return this.#current.exited;
  }

  /** Restarts so far. */
  get restarts(): number {
    return this.#budget.total;
  }

  /** Set once the service exhausted its budget. */
  get failure(): GaveUp | undefined {
    return this.#failure;
  }

  /** Waits until the first process serves, then supervises it. Throws (without restarting) if it never does. */
  async start(): Promise<void> {
    await waitUntilServing(this.#current, this.#options.grpcAddress, this.#options.readyTimeoutMs);
    this.#markUp();
    this.#watch(this.#current);
  }

  /** Resolves when the service is serving (at once if it is); rejects once it was stopped or gave up. */
  waitUntilUp(): Promise<void> {
    if (this.#up) return Promise.resolve();
    if (this.#failure) return Promise.reject(new Error(`${this.name} exhausted its restart budget`));
    if (this.#stopped) return Promise.reject(new Error(`${this.name} was stopped`));
    return new Promise((resolve, reject) => this.#upWaiters.push({ resolve, reject }));
  }

  /** No more restarts (a pending one is cancelled); the current process keeps running. */
  release(): void {
    this.#stopped = true;
    if (this.#delay) {
      clearTimeout(this.#delay.timer);
      this.#delay.resolve();
    }
    for (const waiter of this.#upWaiters.splice(0)) waiter.reject(new Error(`${this.name} was stopped`));
  }

  /** Stops supervising and asks the current process to shut down (killed after `timeoutMs`). */
  async stop(timeoutMs?: number): Promise<number | null> {
    this.release();
    this.#up = false;
    return this.#current.stop(timeoutMs);
  }

  tail(lines?: number): string {
    return this.#current.tail(lines);
  }

  #markUp(): void {
    this.#up = true;
    this.#readyAt = Date.now();
    for (const waiter of this.#upWaiters.splice(0)) waiter.resolve();
  }

  #watch(proc: ServiceProcess): void {
    void proc.exited.then((code) => {
      if (this.#stopped || proc !== this.#current) return;
      void this.#onExit(proc, code);
    });
  }

  async #onExit(proc: ServiceProcess, code: number | null): Promise<void> {
    const wasUp = this.#up;
    this.#up = false;
    const now = Date.now();
    const signal = proc.child.signalCode;
    const decision = this.#budget.onExit(now, wasUp ? now - this.#readyAt : 0);
    if (decision.kind === 'give_up') {
      this.#failure = {
        kind: 'gave_up',
        service: this.name,
        code,
        signal,
        restartsInWindow: decision.restartsInWindow,
        windowMs: this.#options.policy.windowMs,
        tail: proc.tail(20),
      };
      for (const waiter of this.#upWaiters.splice(0))
        waiter.reject(new Error(`${this.name} exhausted its restart budget`));
      this.#options.onEvent(this.#failure);
      return;
    }
    this.#options.onEvent({
      kind: 'exited',
      service: this.name,
      code,
      signal,
      attempt: decision.attempt,
      delayMs: decision.delayMs,
      upMs: wasUp ? now - this.#readyAt : 0,
    });
    await new Promise<void>((resolve) => {
      this.#delay = { timer: setTimeout(resolve, decision.delayMs), resolve };
    });
    this.#delay = undefined;
    if (this.#stopped) return;
    const next = this.#options.spawn();
    this.#current = next;
    this.#watch(next);
    try {
      await waitUntilServing(next, this.#options.grpcAddress, this.#options.readyTimeoutMs);
    } catch {
      // It exited during start-up (the exit watcher decides what next) or never became ready: kill it, which
      // counts as one more crash.
      if (next.child.exitCode === null && next.child.signalCode === null) next.child.kill('SIGKILL');
      return;
    }
    if (this.#stopped || next !== this.#current) return;
    this.#markUp();
    this.#options.onEvent({
      kind: 'restarted',
      service: this.name,
      attempt: decision.attempt,
      pid: next.child.pid,
      downMs: Date.now() - now,
    });
  }
}
