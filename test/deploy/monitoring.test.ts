// Static checks of deploy/monitoring: the alert rules and the Prometheus configuration pass promtool (and the
// rules' own unit tests), the dashboard is well formed and wired to the provisioned data source, Prometheus
// scrapes every configured service, the compose deployment provisions both, and the Kubernetes kustomization
// ships them as valid ConfigMaps. Whether the metric names exist is checked against running services in
// test/e2e/operator-tools.test.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { describe, expect, it } from 'vitest';
import {
  dashboardExpressions,
  exportedMetricNames,
  metricNames,
  missingMetrics,
  ruleExpressions,
} from '../support/promql-metrics.js';
import { interpolate, readCompose } from './compose-env.js';
import { configuredServices, deployDir, readYaml } from './deploy-files.js';

const monitoringDir = path.join(deployDir, 'monitoring');
const prometheusDir = path.join(monitoringDir, 'prometheus');
const dashboardFile = path.join(monitoringDir, 'grafana', 'dashboards', 'sluice-pipeline.json');
const services = configuredServices();
const names = Object.keys(services) as (keyof typeof services)[];

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { expr: string; datasource?: { uid: string } }[];
}
const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8')) as {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: string; current: { value: string } }[] };
};
const rules = readYaml<{
  groups: {
    name: string;
    rules: {
      alert?: string;
      expr: string;
      for?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    }[];
  }[];
}>(path.join(prometheusDir, 'alerts.yml'));

/** promtool from Debian's `prometheus` package (.ci/run installs it). */
function promtool(args: string[]): string {
  try {
    return execFileSync('promtool', args, { cwd: prometheusDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error('promtool is not installed: apt-get install -y prometheus (.ci/run does this)');
    throw new Error(`promtool ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

describe('alert rules', () => {
  it('pass promtool check rules', () => {
    expect(promtool(['check', 'rules', 'alerts.yml'])).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('pass their unit tests (promtool test rules: each alert fires on its condition, and not on a healthy neighbour)', () => {
    expect(promtool(['test', 'rules', 'alerts.test.yml'])).toMatch(/SUCCESS/);
  });

  it('has an unit test for every alert', () => {
    const tests = readFileSync(path.join(prometheusDir, 'alerts.test.yml'), 'utf8');
    for (const rule of ruleExpressions(rules)) expect(tests, rule.rule).toContain(`alertname: ${rule.rule}`);
  });

  it('cover what operators page on: stalls, dead letters, breakers, idle GPU, VRAM, API 5xx', () => {
    const alerts = rules.groups.flatMap((g) => g.rules.map((r) => r.alert));
    expect(alerts).toEqual(
      expect.arrayContaining([
        'SluiceStageStalled',
        'SluiceDeadLettersGrowing',
        'SluiceBreakerOpen',
        'SluiceGpuIdleWhileQueueFull',
        'SluiceVramNearBudget',
        'SluiceApiErrorRate',
        'SluiceServiceDown',
      ]),
    );
    for (const rule of rules.groups.flatMap((g) => g.rules)) {
      expect(rule.for, `${rule.alert} waits before firing`).toMatch(/^\d+m$/);
      expect(['warning', 'critical'], `${rule.alert} severity`).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary && rule.annotations.description, `${rule.alert} annotations`).toBeTruthy();
    }
  });

  it('fails promtool on a broken rule (the check is real)', () => {
    expect(() =>
      execFileSync('promtool', ['check', 'rules', '/dev/stdin'], {
        input: 'groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: sum by (stage (x)\n',
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    ).toThrow();
  });
});

describe('Prometheus configuration (compose)', () => {
  const config = readYaml<{
    rule_files: string[];
    scrape_configs: {
      job_name: string;
      metrics_path?: string;
      static_configs: { targets: string[]; labels?: Record<string, string> }[];
    }[];
  }>(path.join(prometheusDir, 'prometheus.yml'));

  it('passes promtool check config, rule files included', () => {
    expect(promtool(['check', 'config', 'prometheus.yml'])).toMatch(/SUCCESS: 1 rule files found/);
    expect(config.rule_files).toEqual(['alerts.yml']);
  });

  it('scrapes /metrics of every configured service by its compose name and ops port, labelled with the service', () => {
    const job = config.scrape_configs.find((c) => c.job_name === 'sluice')!;
    expect(job.metrics_path ?? '/metrics').toBe('/metrics');
    const targets = job.static_configs.map((c) => ({ target: c.targets.join(','), service: c.labels?.service }));
    expect(targets.map((t) => t.service).sort()).toEqual([...names].sort());
    // The gateway's http_port is its API; its metrics are on ops_port.
    const metricsPort = (name: (typeof names)[number]) =>
      (services[name] as { ops_port?: number }).ops_port ?? services[name].http_port;
    for (const name of names)
      expect(targets.find((t) => t.service === name)!.target).toBe(`${name}:${metricsPort(name)}`);
  });
});

describe('Grafana dashboard', () => {
  const panels = dashboard.panels.filter((p) => p.type !== 'row');

  it('queries through the data source variable, whose default is the provisioned Prometheus', () => {
    const datasources = readYaml<{ datasources: { uid: string; type: string; url: string; isDefault?: boolean }[] }>(
      path.join(monitoringDir, 'grafana/provisioning/datasources/prometheus.yaml'),
    ).datasources;
    expect(datasources).toHaveLength(1);
    expect(datasources[0]!.type).toBe('prometheus');
    expect(datasources[0]!.url).toBe('http://prometheus:9090');
    const variable = dashboard.templating.list.find((v) => v.name === 'datasource')!;
    expect(variable.type).toBe('datasource');
    expect(variable.query).toBe('prometheus');
    expect(variable.current.value).toBe(datasources[0]!.uid);
    for (const panel of panels) {
      expect(panel.datasource?.uid, panel.title).toBe('${datasource}');
      for (const target of panel.targets ?? []) expect(target.datasource?.uid, panel.title).toBe('${datasource}');
    }
  });

  it('has unique panel ids, queries on every panel, and a layout inside 24 columns', () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of panels) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
    }
  });

  it('shows every part the operators asked for', () => {
    const used = new Set(dashboardExpressions(dashboard).flatMap((e) => metricNames(e.expr)));
    const wanted = [
      'sluice_stage_items_total', // per-stage throughput
      'sluice_inference_queue_depth', // queue depths
      'sluice_stage_in_flight_batches', // in-flight windows
      'sluice_stage_downstream_unacked_items',
      'sluice_inference_batch_size_bucket', // batch size / tokens / padding histograms
      'sluice_inference_batch_tokens_bucket',
      'sluice_inference_padding_ratio_bucket',
      'sluice_inference_device_busy_seconds_total', // device busy share
      'sluice_inference_gpu_utilization_ratio', // GPU utilization and memory
      'sluice_inference_gpu_memory_bytes',
      'sluice_gateway_http_request_seconds_bucket', // latency percentiles
      'sluice_collector_source_errors_total', // errors and dead letters by code
      'sluice_persistence_dead_letters_total',
      'sluice_collector_breakers_open', // breaker states and rate-limit waits
      'sluice_collector_rate_limit_waits_total',
      'sluice_persistence_rows_written_total', // database write rate
    ];
    expect(missingMetrics(wanted, used)).toEqual([]);
  });

  it('is provisioned from the folder compose mounts', () => {
    const provider = readYaml<{ providers: { type: string; options: { path: string } }[] }>(
      path.join(monitoringDir, 'grafana/provisioning/dashboards/sluice.yaml'),
    ).providers[0]!;
    expect(provider.type).toBe('file');
    const grafana = readCompose().services.grafana!;
    expect(grafana.volumes).toContain(`../monitoring/grafana/dashboards:${provider.options.path}:ro`);
    expect(grafana.volumes).toContain('../monitoring/grafana/provisioning:/etc/grafana/provisioning:ro');
  });
});

describe('compose deployment', () => {
  const compose = readCompose();

  it('runs Prometheus with the rules folder and Grafana after it, both published on loopback only', () => {
    const prometheus = compose.services.prometheus!;
    expect(prometheus.volumes).toContain('../monitoring/prometheus:/etc/prometheus:ro');
    expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    expect(compose.services.grafana!.depends_on?.prometheus?.condition).toBe('service_healthy');
    for (const name of ['prometheus', 'grafana']) {
      const [published] = compose.services[name]!.ports!;
      expect(interpolate(published!, {}).split(':')[0], name).toBe('127.0.0.1');
      // The mounted folders exist in the repository.
      for (const volume of compose.services[name]!.volumes!.filter((v) => v.startsWith('../')))
        expect(existsSync(path.join(deployDir, 'compose', volume.split(':')[0]!)), volume).toBe(true);
    }
    expect(() =>
      interpolate(String((compose.services.grafana!.environment ?? {}).GF_SECURITY_ADMIN_PASSWORD), {}),
    ).toThrow(/GRAFANA_ADMIN_PASSWORD/);
  });
});

describe('Kubernetes kustomization (deploy/monitoring)', () => {
  const kustomization = readYaml<{
    namespace: string;
    generatorOptions: { disableNameSuffixHash: boolean };
    configMapGenerator: { name: string; files: string[]; options: { labels: Record<string, string> } }[];
  }>(path.join(monitoringDir, 'kustomization.yaml'));

  it('generates valid ConfigMaps from the same rule file and dashboard', () => {
    expect(kustomization.namespace).toBe('sluice');
    expect(kustomization.generatorOptions.disableNameSuffixHash).toBe(true);
    const files = kustomization.configMapGenerator.flatMap((g) => g.files);
    expect(files.sort()).toEqual(['grafana/dashboards/sluice-pipeline.json', 'prometheus/alerts.yml']);
    for (const generator of kustomization.configMapGenerator) {
      const data = Object.fromEntries(
        generator.files.map((file) => [path.basename(file), readFileSync(path.join(monitoringDir, file), 'utf8')]),
      );
      expect(
        () =>
          new ConfigMap({
            metadata: { name: generator.name, namespace: kustomization.namespace, labels: generator.options.labels },
            data,
          }).validate(),
        generator.name,
      ).not.toThrow();
      // ConfigMaps hold at most 1 MiB.
      expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThan(1024 * 1024);
    }
    expect(
      kustomization.configMapGenerator.find((g) => g.name === 'sluice-grafana-dashboards')!.options.labels
        .grafana_dashboard,
    ).toBe('1');
  });
});

describe('metric names in PromQL', () => {
  it.each([
    [
      'histogram_quantile(0.99, sum by (le, stage) (rate(sluice_stage_process_seconds_bucket[$__rate_interval])))',
      ['sluice_stage_process_seconds_bucket'],
    ],
    [
      'sum by (stage) (sluice_stage_in_flight_batches) > 0 unless sum by (stage) (increase(sluice_stage_batches_total[10m])) > 0',
      ['sluice_stage_batches_total', 'sluice_stage_in_flight_batches'],
    ],
    [
      'max by (instance) (a_bytes) > on (instance) 0.9 * max by (instance) (b_bytes) and 1e9 > 2',
      ['a_bytes', 'b_bytes'],
    ],
    ['label_replace(up{job="x", service=~"a|b"}, "dst", "$1", "src", "(.*)")', ['up']],
    ['sum(rate(x_total{code!="OK"}[5m])) / sum(rate(x_total[5m] offset 1h))', ['x_total']],
  ])('%s', (expr, expected) => {
    expect(metricNames(expr)).toEqual(expected);
  });

  it('maps histogram series to the family a /metrics page declares, and reports a name nobody exports', () => {
    const exported = exportedMetricNames(
      '# HELP a_seconds x\n# TYPE a_seconds histogram\na_seconds_bucket{le="1"} 1\n# TYPE b_total counter\nb_total 3\n',
    );
    expect(missingMetrics(['a_seconds_bucket', 'a_seconds_sum', 'b_total', 'up'], exported)).toEqual([]);
    expect(missingMetrics(['a_seconds_bucket', 'c_total'], exported)).toEqual(['c_total']);
  });
});
