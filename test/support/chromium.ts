// Finds a Chromium for the browser tests (playwright-core brings no browser): $SLUICE_CHROMIUM, else Debian's
// `chromium` (apt-get install -y chromium; .ci/run does this), else other common names on PATH.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function chromiumPath(): string {
  const configured = process.env.SLUICE_CHROMIUM;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`SLUICE_CHROMIUM=${configured} does not exist`);
    return configured;
  }
  for (const name of CANDIDATES) {
    try {
      const found = execFileSync(process.platform === 'win32' ? 'where' : 'which', [name], { encoding: 'utf8' })
        .split(/\r?\n/)[0]
        ?.trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  throw new Error(
    'no Chromium found for the browser tests: apt-get install -y chromium (.ci/run does this), or set SLUICE_CHROMIUM to a Chromium or Chrome binary',
  );
}
