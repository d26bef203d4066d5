// The `cli:` section of config/sluice.yaml: how `sluice start` supervises the services it runs.
// Every key has a default, so an absent section works. See docs/reliability.md.
import { z } from '@sluice/service-kit';
import type { RestartPolicy } from '@sluice/stack';

export const cliSettingsSchema = z
  .strictObject({
    /** Restarts of one service allowed within restart_window_seconds; one more crash stops the run. */
    restart_max: z.number().int().min(0).default(5),
    restart_window_seconds: z.number().positive().default(60),
    /** Backoff before a restart: doubles per consecutive crash (with jitter) up to the maximum. */
    restart_initial_delay_milliseconds: z.number().int().min(0).default(500),
    restart_max_delay_milliseconds: z.number().int().min(0).default(10_000),
    /** Up this long after a restart, a service counts as healthy again (its backoff starts over). */
    restart_reset_after_seconds: z.number().positive().default(30),
    /** Ctrl+C: graceful shutdown of every service within this bound; what still runs after it is killed. */
    stop_timeout_seconds: z.number().positive().max(600).default(10),
    /** Port of the CLI's own /metrics (sluice_supervisor_restarts_total); 0 = none. */
    metrics_port: z.number().int().min(0).max(65_535).default(9460),
  })
  .refine((s) => s.restart_max_delay_milliseconds >= s.restart_initial_delay_milliseconds, {
    message: 'restart_max_delay_milliseconds must be at least restart_initial_delay_milliseconds',
    path: ['restart_max_delay_milliseconds'],
  });
export type CliSettings = z.infer<typeof cliSettingsSchema>;

export function restartPolicy(settings: CliSettings): RestartPolicy {
  return {
    maxRestarts: settings.restart_max,
    windowMs: settings.restart_window_seconds * 1000,
    initialDelayMs: settings.restart_initial_delay_milliseconds,
    maxDelayMs: settings.restart_max_delay_milliseconds,
    resetAfterMs: settings.restart_reset_after_seconds * 1000,
  };
}
