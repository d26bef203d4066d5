// vitest global setup: what `sluice prepare` makes (built-in models, sample corpus), before any test file runs.
import { prepare } from '../../packages/cli/src/prepare.js';

export default async function setup(): Promise<void> {
  await prepare({ quiet: true });
}
