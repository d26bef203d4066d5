// `sluice profile` for real: six service processes with V8's profiler on, the sample source through them.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVICE_NAMES } from '@sluice/stack';
import { profile } from '../src/profile.js';

describe('sluice profile', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'sluice-profile-test-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("writes a CPU profile per service and prints each service's top frames", { timeout: 300_000 }, async () => {
    const lines: string[] = [];
    const result = await profile({
      items: 300,
      out,
      top: 5,
      intervalMicroseconds: 500,
      log: (line) => lines.push(line),
    });
    expect(result.items).toBe(300);
    expect(result.seconds).toBeGreaterThan(0);
    const printed = lines.join('\n');
    for (const name of SERVICE_NAMES) {
      const service = result.services[name];
      expect(service.files.length, name).toBeGreaterThanOrEqual(1);
      for (const file of service.files)
        expect(existsSync(file) && path.dirname(file) === path.join(out, name)).toBe(true);
      // Every service did some work during the run (the gateway serves health and metrics scrapes).
      expect(service.summary.frames.length, name).toBeGreaterThan(0);
      expect(service.summary.totalMicroseconds, name).toBeGreaterThan(0);
      expect(printed).toContain(`== ${name}: `);
    }
    // The stages' own code is among the hottest frames of the work-heavy stages.
    const top = (name: 'transformer' | 'scorer', n = 40) =>
      result.services[name].summary.frames
        .slice(0, n)
        .map((f) => f.url)
        .join(' ');
    expect(top('transformer')).toMatch(/services\/transformer\/src|eld|htmlparser2|entities/);
    expect(top('scorer')).toMatch(/services\/scorer\/src/);
    // A table row: self ms, busy %, function.
    expect(printed).toMatch(/^\s*\d+\.\d\s+\d+\.\d%\s+\S+/m);
  });
});
