// Reads V8 .cpuprofile files (what `node --cpu-prof` writes) and ranks functions by self time: the time
// the CPU spent in the function's own code, not in what it called. Pure logic: no I/O.

/** The parts of the .cpuprofile JSON this module reads (Chrome DevTools Protocol `Profiler.Profile`). */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
    children?: number[];
  }>;
  startTime: number;
  endTime: number;
  /** Node id of each sample. */
  samples: number[];
  /** Microseconds between consecutive samples (the first is from startTime). */
  timeDeltas: number[];
}

export interface Frame {
  functionName: string;
  /** Script URL or path as V8 recorded it; empty for V8's own entries ((garbage collector), (program)). */
  url: string;
  /** 1-based line, as editors count. */
  line: number;
  selfMicroseconds: number;
}

export interface ProfileSummary {
  /** Sampled time, idle included. */
  totalMicroseconds: number;
  /** Time the thread had nothing to run ((idle)). */
  idleMicroseconds: number;
  /** Every frame by self time, largest first; (idle), (root) and waiting frames left out. */
  frames: Frame[];
}

const NOT_WORK = new Set(['(idle)', '(root)']);
/** Frames that block a thread waiting for work (a worker pool's idle loop): idle, not work. */
const WAITING = new Set(['atomicsWaitLoop']);

/** A time window on the profile's clock: microseconds of process.hrtime (V8 and Node.js read the same monotonic clock). */
export interface ProfileWindow {
  fromMicroseconds: number;
  toMicroseconds: number;
}

/**
 * Self time per function (name + script + line). Sample i lasts until sample i+1, as DevTools draws it;
 * the last sample lasts until endTime. With `window`, only the part of each sample inside it counts (e.g.
 * the run, without the start-up's module loading).
 */
export function summarizeProfile(profile: CpuProfile, window?: ProfileWindow): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfById = new Map<number, number>();
  let at = profile.startTime;
  const times = profile.timeDeltas.map((delta) => (at += delta));
  for (let i = 0; i < profile.samples.length; i++) {
    let from = times[i]!;
    let to = i + 1 < times.length ? times[i + 1]! : profile.endTime;
    if (window) {
      from = Math.max(from, window.fromMicroseconds);
      to = Math.min(to, window.toMicroseconds);
    }
    const duration = Math.max(0, to - from);
    const id = profile.samples[i]!;
    selfById.set(id, (selfById.get(id) ?? 0) + duration);
  }
  const frames = new Map<string, Frame>();
  let total = 0;
  let idle = 0;
  for (const [id, self] of selfById) {
    const node = byId.get(id);
    if (!node || self === 0) continue;
    total += self;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || WAITING.has(functionName)) idle += self;
    if (NOT_WORK.has(functionName) || WAITING.has(functionName)) continue;
    const name = functionName || '(anonymous)';
    const key = `${name}\u0000${url}\u0000${lineNumber}`;
    const frame = frames.get(key) ?? { functionName: name, url, line: lineNumber + 1, selfMicroseconds: 0 };
    frame.selfMicroseconds += self;
    frames.set(key, frame);
  }
  return {
    totalMicroseconds: total,
    idleMicroseconds: idle,
    frames: [...frames.values()].sort((a, b) => b.selfMicroseconds - a.selfMicroseconds),
  };
}

/** Merges the summaries of several profiles (e.g. a service's main and worker threads). */
export function mergeSummaries(summaries: ProfileSummary[]): ProfileSummary {
  const frames = new Map<string, Frame>();
  for (const summary of summaries) {
    for (const frame of summary.frames) {
      const key = `${frame.functionName}\u0000${frame.url}\u0000${frame.line}`;
      const merged = frames.get(key) ?? { ...frame, selfMicroseconds: 0 };
      merged.selfMicroseconds += frame.selfMicroseconds;
      frames.set(key, merged);
    }
  }
  return {
    totalMicroseconds: summaries.reduce((sum, s) => sum + s.totalMicroseconds, 0),
    idleMicroseconds: summaries.reduce((sum, s) => sum + s.idleMicroseconds, 0),
    frames: [...frames.values()].sort((a, b) => b.selfMicroseconds - a.selfMicroseconds),
  };
}

/** A short location: repository-relative path, or the package name inside node_modules, plus the line. */
export function frameLocation(frame: Frame, repoRoot: string): string {
  if (!frame.url) return '';
  let where = frame.url.replace(/^file:\/\//, '');
  try {
    where = decodeURIComponent(where);
  } catch {
    /* keep it as recorded */
  }
  const modules = where.lastIndexOf('/node_modules/');
  if (modules !== -1) {
    const parts = where.slice(modules + '/node_modules/'.length).split('/');
    const pkg = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    where = `${pkg}/${parts.slice(pkg.split('/').length).join('/')}`;
  } else {
    const root = repoRoot.replaceAll('\\', '/').replace(/\/$/, '');
    const normalized = where.replaceAll('\\', '/');
    if (normalized.toLowerCase().startsWith(`${root.toLowerCase()}/`)) where = normalized.slice(root.length + 1);
  }
  // tsx compiles a TypeScript file to one line, so its frames all say line 1: the file and the name tell more.
  return /\.[cm]?ts$/.test(where) && frame.line === 1 ? where : `${where}:${frame.line}`;
}

/** The top `count` frames as a text table: self ms, share of the busy (non-idle) time, function, location. */
export function formatTopFrames(summary: ProfileSummary, count: number, repoRoot: string): string {
  const busy = Math.max(1, summary.totalMicroseconds - summary.idleMicroseconds);
  // Regular-expression frames are named by their whole source: keep the table readable.
  const name = (f: Frame) => (f.functionName.length > 60 ? `${f.functionName.slice(0, 59)}…` : f.functionName);
  const rows = summary.frames
    .slice(0, count)
    .map((f) => [
      (f.selfMicroseconds / 1000).toFixed(1),
      `${((100 * f.selfMicroseconds) / busy).toFixed(1)}%`,
      name(f),
      frameLocation(f, repoRoot),
    ]);
  const header = ['self ms', 'busy %', 'function', 'location'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
