// A reader of the Prometheus text exposition format, just enough for the pipeline snapshot: samples with their
// labels. Comment lines (# HELP, # TYPE) and malformed lines are skipped.

export interface Sample {
  name: string;
  labels: Readonly<Record<string, string>>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(LABEL))
      labels[label[1]!] = label[2]!.replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
    const valueText = match[3]!;
    const value = valueText === '+Inf' ? Infinity : valueText === '-Inf' ? -Infinity : Number(valueText);
    if (Number.isNaN(value) && valueText !== 'NaN') continue;
    samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

/** Sum of the samples named `name` whose labels include `where`. */
export function sumOf(samples: readonly Sample[], name: string, where: Record<string, string> = {}): number {
  let sum = 0;
  for (const s of samples)
    if (s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v)) sum += s.value;
  return sum;
}

export function has(samples: readonly Sample[], name: string): boolean {
  return samples.some((s) => s.name === name);
}

/** A histogram summed over its other labels, as counts per bucket (not cumulative). */
export interface HistogramView {
  buckets: Array<{ le: number | null; count: number }>;
  count: number;
  sum: number;
}

export function histogramOf(samples: readonly Sample[], name: string): HistogramView {
  const cumulative = new Map<number, number>();
  for (const s of samples) {
    if (s.name !== `${name}_bucket`) continue;
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    if (Number.isNaN(le)) continue;
    cumulative.set(le, (cumulative.get(le) ?? 0) + s.value);
  }
  const bounds = [...cumulative.keys()].sort((a, b) => a - b);
  let previous = 0;
  const buckets = bounds.map((le) => {
    const total = cumulative.get(le) ?? 0;
    const count = Math.max(0, total - previous);
    previous = total;
    return { le: Number.isFinite(le) ? le : null, count };
  });
  return { buckets, count: sumOf(samples, `${name}_count`), sum: sumOf(samples, `${name}_sum`) };
}
