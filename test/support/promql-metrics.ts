// Which metric names a Grafana dashboard or a Prometheus rule file uses, and which names a /metrics page
// exports: enough PromQL and exposition-format parsing to check one against the other. Pure functions.

/** Words of PromQL that are not metric names where they stand outside a call. */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
  'start',
  'end',
]);

/** Series Prometheus makes itself (scrape health, alert state), not any service. */
const PROMETHEUS_SERIES = new Set([
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_series_added',
  'ALERTS',
  'ALERTS_FOR_STATE',
]);

/** The metric names one PromQL expression selects (Grafana's $variables allowed). */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ') // strings: label values, label_replace arguments
    .replace(/#[^\n]*/g, ' ') // comments
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // label lists
    .replace(/\$\{[^}]*\}|\$\w+/g, ' '); // Grafana variables
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w.:])([A-Za-z_:][\w:]*)(?![\w:]|\s*\()/g)) {
    const name = match[1]!;
    if (!KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return [...names].sort();
}

interface DashboardPanel {
  type?: string;
  title?: string;
  targets?: { expr?: string }[];
  panels?: DashboardPanel[];
}

/** Every query expression of a Grafana dashboard, rows' nested panels included, with its panel title. */
export function dashboardExpressions(dashboard: { panels?: DashboardPanel[] }): { panel: string; expr: string }[] {
  const walk = (panels: DashboardPanel[] = []): { panel: string; expr: string }[] =>
    panels.flatMap((panel) => [
      ...(panel.targets ?? []).filter((t) => t.expr).map((t) => ({ panel: panel.title ?? '?', expr: t.expr! })),
      ...walk(panel.panels),
    ]);
  return walk(dashboard.panels);
}

/** Every expression of a Prometheus rule file (alerting and recording rules), with the rule's name. */
export function ruleExpressions(rules: {
  groups: { rules: { alert?: string; record?: string; expr: string }[] }[];
}): { rule: string; expr: string }[] {
  return rules.groups.flatMap((group) =>
    group.rules.map((rule) => ({ rule: rule.alert ?? rule.record ?? '?', expr: String(rule.expr) })),
  );
}

/** Names a /metrics page exports: each declared family, with _bucket/_sum/_count for histograms and summaries. */
export function exportedMetricNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split(/\r?\n/)) {
    const typed = /^# TYPE (\S+) (\w+)/.exec(line);
    if (typed) {
      const [, name, type] = typed;
      names.add(name!);
      if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
      if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
      continue;
    }
    const sample = /^([A-Za-z_:][\w:]*)[{ ]/.exec(line);
    if (sample) names.add(sample[1]!);
  }
  return names;
}

/** The used names that no service exports (Prometheus' own series excepted). */
export function missingMetrics(used: Iterable<string>, exported: ReadonlySet<string>): string[] {
  return [...new Set(used)].filter((name) => !PROMETHEUS_SERIES.has(name) && !exported.has(name)).sort();
}
