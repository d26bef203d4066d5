// Graceful shutdown that works on Linux and Windows: SIGTERM/SIGINT where signals exist, plus a
// {type: "shutdown"} message over the IPC channel (how the CLI stops its child processes on every OS).
import type { Logger } from 'pino';

export type ShutdownStep = () => Promise<void> | void;

export interface ShutdownController {
  /** Registers a step; steps run in registration order. */
  add(name: string, step: ShutdownStep): void;
  /** Runs every step once; later calls return the same promise. */
  shutdown(reason: string): Promise<void>;
  readonly signal: AbortSignal;
}

export function createShutdown(
  logger: Logger,
  options: { timeoutMs?: number; exit?: boolean } = {},
): ShutdownController {
  const steps: Array<{ name: string; step: ShutdownStep }> = [];
  const abort = new AbortController();
  let running: Promise<void> | undefined;
  const timeoutMs = options.timeoutMs ?? 30_000;

  const controller: ShutdownController = {
    signal: abort.signal,
    add(name, step) {
      steps.push({ name, step });
    },
    shutdown(reason) {
      running ??= (async () => {
        logger.info({ reason }, 'shutting down');
        abort.abort();
        const timer = setTimeout(() => {
          logger.error({ timeoutMs }, 'shutdown timed out, exiting');
          process.exit(1);
        }, timeoutMs);
        timer.unref();
        for (const { name, step } of steps) {
          try {
            await step();
          } catch (error) {
            logger.error({ err: error, step: name }, 'shutdown step failed');
          }
        }
        clearTimeout(timer);
        logger.info('shutdown complete');
        if (options.exit !== false) {
          logger.flush?.();
          // A failure that triggered the shutdown (e.g. models failed to load) keeps its non-zero exit code.
          setImmediate(() => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0));
        }
      })();
      return running;
    },
  };

  process.once('SIGTERM', () => void controller.shutdown('SIGTERM'));
  if (process.env.SLUICE_STOPPED_BY_PARENT === '1' && process.connected) {
    // Under `sluice start` a terminal's Ctrl+C reaches every process of the group at once; stopping all
    // together would make each stage wait for a downstream that already stopped reading. The parent stops
    // its services in order over IPC instead, within its own bound.
    process.on('SIGINT', () => logger.info('SIGINT: left to the parent process, which stops the services in order'));
  } else {
    process.once('SIGINT', () => void controller.shutdown('SIGINT'));
  }
  process.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'shutdown')
      void controller.shutdown('ipc');
  });
  process.once('disconnect', () => void controller.shutdown('parent disconnected'));
  return controller;
}
