import { describe, expect, it } from 'vitest';
import {
  formatTopFrames,
  frameLocation,
  mergeSummaries,
  summarizeProfile,
  type CpuProfile,
} from '../src/cpu-profile.js';

// A hand-made profile: root → main → { hot, cold }, plus (idle), (garbage collector) and a pool's wait loop.
function profile(): CpuProfile {
  const frame = (functionName: string, url = '', lineNumber = -1) => ({
    functionName,
    url,
    lineNumber,
    columnNumber: 0,
  });
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 5, 6, 7] },
      { id: 2, callFrame: frame('main', 'file:///repo/services/a/src/main.ts', 0), children: [3, 4] },
      {
        id: 3,
        callFrame: frame('hot', 'file:///repo/node_modules/.pnpm/eld@2.1.0/node_modules/eld/src/detector.js', 225),
      },
      { id: 4, callFrame: frame('', 'file:///repo/services/a/src/cold.js', 9) },
      { id: 5, callFrame: frame('(idle)') },
      { id: 6, callFrame: frame('(garbage collector)') },
      { id: 7, callFrame: frame('atomicsWaitLoop', 'file:///repo/node_modules/piscina/dist/worker.js', 125) },
    ],
    startTime: 1_000,
    // Samples at 1000 + cumulative deltas: hot 1000–4000, cold 4000–5000, idle 5000–9000, gc 9000–10000,
    // hot 10000–12000, wait 12000–13000, main 13000–14000 (endTime).
    samples: [3, 4, 5, 6, 3, 7, 2],
    timeDeltas: [0, 3_000, 1_000, 4_000, 1_000, 2_000, 1_000],
    endTime: 14_000,
  };
}

describe('cpu profile summary', () => {
  it('ranks functions by self time and counts idle and waiting apart', () => {
    const summary = summarizeProfile(profile());
    expect(summary.totalMicroseconds).toBe(13_000);
    expect(summary.idleMicroseconds).toBe(5_000); // (idle) + the wait loop
    expect(summary.frames[0]).toMatchObject({ functionName: 'hot', selfMicroseconds: 5_000, line: 226 });
    expect(summary.frames.slice(1).map((f) => f.selfMicroseconds)).toEqual([1_000, 1_000, 1_000]);
    expect(summary.frames.map((f) => f.functionName)).not.toContain('atomicsWaitLoop');
  });

  it('counts only the part of each sample inside a window', () => {
    const summary = summarizeProfile(profile(), { fromMicroseconds: 3_000, toMicroseconds: 11_000 });
    expect(summary.totalMicroseconds).toBe(8_000);
    expect(summary.frames.find((f) => f.functionName === 'hot')!.selfMicroseconds).toBe(2_000); // 3000–4000 + 10000–11000
    expect(summary.frames.find((f) => f.functionName === 'main')).toBeUndefined();
  });

  it('merges threads and prints a table with short locations', () => {
    const merged = mergeSummaries([summarizeProfile(profile()), summarizeProfile(profile())]);
    expect(merged.frames[0]).toMatchObject({ functionName: 'hot', selfMicroseconds: 10_000 });
    expect(merged.totalMicroseconds).toBe(26_000);
    const table = formatTopFrames(merged, 2, '/repo').split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toMatch(/^\s*10\.0\s+62\.5%\s+hot\s+eld\/src\/detector\.js:226$/);
    expect(
      frameLocation(
        { functionName: 'main', url: 'file:///repo/services/a/src/main.ts', line: 1, selfMicroseconds: 0 },
        '/repo',
      ),
    ).toBe('services/a/src/main.ts');
    expect(frameLocation({ functionName: '(program)', url: '', line: 0, selfMicroseconds: 0 }, '/repo')).toBe('');
  });
});
