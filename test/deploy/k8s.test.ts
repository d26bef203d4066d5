// Static checks of the Kubernetes manifests: every object validates against the Kubernetes API schema
// (kubernetes-models), and the manifests agree with the project: one Deployment + Service per configured
// service with its ports, probes on the ops port, commands that exist, a configuration the services accept.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { describe, expect, it } from 'vitest';
import { checkKnownFields } from './k8s-field-check.js';
import {
  checkDeploymentConfig,
  configuredServices,
  defaultShutdownTimeoutSeconds,
  deployDir,
  portOf,
  readYaml,
  readYamlDocuments,
  repoRoot,
  serviceCommand,
  serviceMainFile,
} from './deploy-files.js';

const k8sDir = path.join(deployDir, 'k8s');
const services = configuredServices();
const names = Object.keys(services) as (keyof typeof services)[];

interface Kustomization {
  namespace: string;
  resources: string[];
  configMapGenerator: { name: string; files: string[] }[];
  images: { name: string; newName?: string; newTag?: string }[];
}
const kustomization = readYaml<Kustomization>(path.join(k8sDir, 'kustomization.yaml'));
/** The optional in-cluster PostgreSQL, its own kustomization. */
const postgresDir = path.join(k8sDir, 'postgres');
const postgresKustomization = readYaml<Kustomization>(path.join(postgresDir, 'kustomization.yaml'));

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

/** Every object the kustomization applies, plus the ConfigMap it generates (as kustomize would). */
function kustomizedObjects(): K8sObject[] {
  const objects = kustomization.resources.flatMap((file) => readYamlDocuments(path.join(k8sDir, file)) as K8sObject[]);
  for (const generator of kustomization.configMapGenerator) {
    const data = Object.fromEntries(
      generator.files.map((file) => [path.basename(file), readFileSync(path.join(k8sDir, file), 'utf8')]),
    );
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data });
  }
  return objects;
}

const MODELS: Record<string, { model: new (data: never) => { validate(): void }; module: string }> = {
  'apps/v1/Deployment': { model: Deployment, module: 'kubernetes-models/apps/v1/Deployment' },
  'apps/v1/StatefulSet': { model: StatefulSet, module: 'kubernetes-models/apps/v1/StatefulSet' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    model: HorizontalPodAutoscaler,
    module: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  },
  'v1/ConfigMap': { model: ConfigMap, module: 'kubernetes-models/v1/ConfigMap' },
  'v1/Namespace': { model: Namespace, module: 'kubernetes-models/v1/Namespace' },
  'v1/Secret': { model: Secret, module: 'kubernetes-models/v1/Secret' },
  'v1/Service': { model: Service, module: 'kubernetes-models/v1/Service' },
  'policy/v1/PodDisruptionBudget': {
    model: PodDisruptionBudget,
    module: 'kubernetes-models/policy/v1/PodDisruptionBudget',
  },
  'networking.k8s.io/v1/NetworkPolicy': {
    model: NetworkPolicy,
    module: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
  },
  'networking.k8s.io/v1/Ingress': { model: Ingress, module: 'kubernetes-models/networking.k8s.io/v1/Ingress' },
};
const secretTemplates = readYamlDocuments(path.join(k8sDir, 'secret.example.yaml')) as (K8sObject & {
  stringData: Record<string, string>;
})[];
const postgresObjects = postgresKustomization.resources.flatMap(
  (file) => readYamlDocuments(path.join(postgresDir, file)) as K8sObject[],
);
const ingressExample = readYamlDocuments(path.join(k8sDir, 'ingress.example.yaml')) as (K8sObject & Ingress)[];
const allObjects = () => [...objects, ...secretTemplates, ...postgresObjects, ...ingressExample];
const typed = (list: K8sObject[]) =>
  list.map((object) => ({
    module: MODELS[`${object.apiVersion}/${object.kind}`]!.module,
    type: `I${object.kind}`,
    label: `${object.kind}/${object.metadata.name}`,
    value: object,
  }));

const objects = kustomizedObjects();
const byKind = <T extends K8sObject>(kind: string) => objects.filter((o) => o.kind === kind) as T[];
const deployments = byKind<K8sObject & Deployment>('Deployment');
const k8sServices = byKind<K8sObject & Service>('Service');

function container(name: string): IContainer {
  const deployment = deployments.find((d) => d.metadata.name === name);
  if (!deployment) throw new Error(`no Deployment ${name}`);
  const found = deployment.spec!.template.spec!.containers.find((c) => c.name === name);
  if (!found) throw new Error(`Deployment ${name} has no container ${name}`);
  return found;
}

function containerPort(c: IContainer, portName: string | number | undefined): number | undefined {
  if (typeof portName === 'number') return portName;
  return c.ports?.find((p) => p.name === portName)?.containerPort;
}

describe('kubernetes manifests', () => {
  it('lists every manifest in kustomization.yaml, and every listed file exists', () => {
    const yamlFiles = readdirSync(k8sDir).filter((f) => f.endsWith('.yaml'));
    for (const file of kustomization.resources) expect(yamlFiles, file).toContain(file);
    const generated = kustomization.configMapGenerator.flatMap((g) => g.files);
    // Everything else is either a kustomize input or a template applied by hand.
    expect(yamlFiles.filter((f) => !kustomization.resources.includes(f) && !generated.includes(f)).sort()).toEqual([
      'ingress.example.yaml',
      'kustomization.yaml',
      'secret.example.yaml',
    ]);
  });

  it('validates every object against the Kubernetes API schema', () => {
    const all = allObjects();
    expect(all.length).toBeGreaterThan(15);
    for (const object of all) {
      const entry = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(entry, `a model for ${object.apiVersion} ${object.kind}`).toBeDefined();
      expect(
        () => new entry!.model(object as never).validate(),
        `${object.kind}/${object.metadata.name}`,
      ).not.toThrow();
    }
  });

  it('uses only fields the Kubernetes API knows (strict field validation would reject the rest)', () => {
    // One type-check run for the manifests and a copy with a misspelled field deep in a pod template, which
    // must be the one problem found (the check itself is real).
    const broken = structuredClone(deployments[0]!) as unknown as K8sObject & {
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    broken.metadata.name = 'misspelled';
    broken.spec.template.spec.containers[0]!.readinesProbe = { httpGet: { path: '/readyz', port: 'http' } };
    const problems = checkKnownFields(typed([...allObjects(), broken]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Deployment\/misspelled: .*readinesProbe/s);
  }, 30_000);

  it('rejects an invalid object (the schema check is real)', () => {
    const broken = structuredClone(deployments[0]!) as unknown as {
      spec: { template: { spec: { containers: { ports: { containerPort: unknown }[] }[] } } };
    };
    broken.spec.template.spec.containers[0]!.ports[0]!.containerPort = 'fifty';
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it('has a Deployment and a Service for every configured service, with the configured ports', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...names].sort());
    expect(k8sServices.map((s) => s.metadata.name).sort()).toEqual([...names].sort());
    for (const name of names) {
      const grpcPort = portOf(services[name].grpc_address);
      const httpPort = services[name].http_port;
      const c = container(name);
      expect(containerPort(c, 'grpc'), `${name} grpc containerPort`).toBe(grpcPort);
      expect(containerPort(c, 'http'), `${name} http containerPort`).toBe(httpPort);
      const service = k8sServices.find((s) => s.metadata.name === name)!;
      const ports = Object.fromEntries(service.spec!.ports!.map((p) => [p.name, p]));
      expect(ports.grpc?.port, `${name} Service grpc port`).toBe(grpcPort);
      expect(containerPort(c, ports.grpc?.targetPort)).toBe(grpcPort);
      expect(ports.http?.port, `${name} Service http port`).toBe(httpPort);
      expect(containerPort(c, ports.http?.targetPort)).toBe(httpPort);
      // The Service selects exactly this Deployment's pods.
      const labels = deployments.find((d) => d.metadata.name === name)!.spec!.template.metadata!.labels!;
      for (const [key, value] of Object.entries(service.spec!.selector!))
        expect(labels[key], `${name} selector ${key}`).toBe(value);
    }
  });

  it('runs commands that exist, probes the ops port, and drains on shutdown', () => {
    for (const name of names) {
      const c = container(name);
      expect(c.command, name).toEqual(serviceCommand(name));
      expect(existsSync(path.join(repoRoot, serviceMainFile(name))), `${serviceMainFile(name)} exists`).toBe(true);
      const httpPort = services[name].http_port;
      expect(c.readinessProbe?.httpGet?.path, `${name} readiness`).toBe('/readyz');
      expect(c.livenessProbe?.httpGet?.path, `${name} liveness`).toBe('/healthz');
      for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe])
        expect(containerPort(c, probe?.httpGet?.port), `${name} probe port`).toBe(httpPort);
      expect(c.lifecycle?.preStop, `${name} preStop`).toBeDefined();
      const pod = deployments.find((d) => d.metadata.name === name)!.spec!.template;
      // Kubernetes kills the pod after the grace period, which must cover the preStop pause plus the service's
      // own bounded shutdown (drain, then exit on its timeout).
      const preStopSeconds = Number(c.lifecycle!.preStop!.exec!.command!.at(-1));
      expect(pod.spec!.terminationGracePeriodSeconds, `${name} grace`).toBeGreaterThan(
        preStopSeconds + defaultShutdownTimeoutSeconds(),
      );
      // The gateway's HTTP port is its public API: Prometheus scrapes its ops port (the only one with /metrics).
      const scrapePort = services[name].ops_port ?? httpPort;
      expect(pod.metadata!.annotations?.['prometheus.io/port'], `${name} scrape port`).toBe(String(scrapePort));
      expect(
        c.ports?.some((p) => p.containerPort === scrapePort),
        `${name} declares its scrape port`,
      ).toBe(true);
      expect(
        c.resources?.requests?.cpu && c.resources.requests.memory && c.resources.limits?.memory,
        `${name} resources`,
      ).toBeTruthy();
      expect(
        c.securityContext?.readOnlyRootFilesystem && pod.spec!.securityContext?.runAsNonRoot,
        `${name} hardened`,
      ).toBe(true);
    }
  });

  it('gives every pod a configuration its service accepts: the ConfigMap file plus its environment', async () => {
    const configMap = byKind<K8sObject & { data: Record<string, string> }>('ConfigMap').find(
      (c) => c.metadata.name === 'sluice-config',
    )!;
    for (const name of names) {
      const c = container(name);
      const pod = deployments.find((d) => d.metadata.name === name)!.spec!.template.spec!;
      const env = Object.fromEntries((c.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]));
      // SLUICE_CONFIG points into the mounted ConfigMap.
      const mount = c.volumeMounts!.find((m) => env.SLUICE_CONFIG?.startsWith(`${m.mountPath}/`));
      expect(mount, `${name} mounts SLUICE_CONFIG`).toBeDefined();
      expect(pod.volumes!.find((v) => v.name === mount!.name)?.configMap?.name).toBe('sluice-config');
      const fileName = path.basename(env.SLUICE_CONFIG!);
      const { problems, raw } = await checkDeploymentConfig({ fileContent: configMap.data[fileName]!, env });
      expect(problems, name).toEqual([]);
      const resolved = raw.services as Record<string, { grpc_address: string; http_port: number; ops_port?: number }>;
      for (const peer of names) {
        const port = portOf(services[peer].grpc_address);
        expect(resolved[peer]!.grpc_address, `${name} sees ${peer}`).toBe(
          peer === name ? `0.0.0.0:${port}` : `${peer}:${port}`,
        );
        expect(resolved[peer]!.http_port).toBe(services[peer].http_port);
        // The gateway's metrics port: without it in the deployed file, the scrape target would not listen.
        expect(resolved[peer]!.ops_port, `${name} sees ${peer}'s ops port`).toBe(services[peer].ops_port);
      }
    }
  });

  it('shows example sources (commented out in sluice.yaml) that the collector accepts', async () => {
    const text = readFileSync(path.join(k8sDir, 'sluice.yaml'), 'utf8');
    const examples = text
      .split(/\r?\n/)
      .filter((line) => /^\s*#\s+- \{/.test(line))
      .map((line) => line.replace(/^\s*#\s+- /, ''));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const env = { SLUICE__COLLECTOR__SOURCES: `[${examples.join(', ')}]` };
    const { problems, raw } = await checkDeploymentConfig({ fileContent: text, env });
    expect(problems).toEqual([]);
    expect((raw.collector as { sources: unknown[] }).sources).toHaveLength(examples.length);
  });

  it('takes secrets from the sluice-secrets Secret, whose template has every key used', () => {
    const template = secretTemplates.find((t) => t.metadata.name === 'sluice-secrets')!;
    const used = deployments.flatMap((d) =>
      d.spec!.template.spec!.containers.flatMap((c) =>
        (c.env ?? []).map((e) => e.valueFrom?.secretKeyRef).filter((r) => r !== undefined),
      ),
    );
    expect(used.map((r) => r.key).sort()).toEqual(['DATABASE_URL', 'SLUICE_API_KEY']);
    for (const ref of used) {
      expect(ref.name).toBe(template.metadata.name);
      expect(Object.keys(template.stringData)).toContain(ref.key);
    }
    expect(template.metadata.namespace).toBe(kustomization.namespace);
    expect(container('persistence').env!.some((e) => e.name === 'DATABASE_URL')).toBe(true);
  });

  it('offers an optional PostgreSQL with pgvector whose password Secret has a template', () => {
    expect(postgresKustomization.namespace).toBe(kustomization.namespace);
    const statefulSet = postgresObjects.find((o) => o.kind === 'StatefulSet') as (K8sObject & StatefulSet) | undefined;
    const service = postgresObjects.find((o) => o.kind === 'Service') as (K8sObject & Service) | undefined;
    const c = statefulSet!.spec!.template.spec!.containers[0]!;
    expect(c.image).toMatch(/^pgvector\/pgvector:pg1[4-9]$/);
    expect(service!.metadata.name).toBe(statefulSet!.spec!.serviceName);
    const port = service!.spec!.ports![0]!;
    expect(containerPort(c, port.targetPort)).toBe(port.port);
    // DATABASE_URL in the template points at this Service.
    const url = new URL(secretTemplates.find((t) => t.metadata.name === 'sluice-secrets')!.stringData.DATABASE_URL!);
    expect(`${url.hostname}:${url.port}`).toBe(`${service!.metadata.name}:${port.port}`);
    for (const ref of (c.env ?? []).map((e) => e.valueFrom?.secretKeyRef).filter((r) => r !== undefined)) {
      const template = secretTemplates.find((t) => t.metadata.name === ref.name);
      expect(template, `Secret ${ref.name} template`).toBeDefined();
      expect(Object.keys(template!.stringData)).toContain(ref.key);
    }
  });

  it('runs inference on a GPU node with one GPU, in place on updates', () => {
    const c = container('inference');
    expect(String(c.resources!.limits!['nvidia.com/gpu'])).toBe('1');
    expect(String(c.resources!.requests!['nvidia.com/gpu'])).toBe('1');
    const deployment = deployments.find((d) => d.metadata.name === 'inference')!;
    const pod = deployment.spec!.template.spec!;
    expect(pod.tolerations?.some((t) => t.key === 'nvidia.com/gpu')).toBe(true);
    expect(Object.keys(pod.nodeSelector ?? {})).toContain('nvidia.com/gpu.present');
    expect(deployment.spec!.strategy?.rollingUpdate?.maxSurge).toBe(0);
    expect(c.image).toMatch(/^sluice-cuda:/);
  });

  it('autoscales collector, transformer, scorer and gateway, and protects them with disruption budgets', () => {
    const hpas = byKind<K8sObject & HorizontalPodAutoscaler>('HorizontalPodAutoscaler');
    expect(hpas.map((h) => h.spec!.scaleTargetRef.name).sort()).toEqual([
      'collector',
      'gateway',
      'scorer',
      'transformer',
    ]);
    for (const hpa of hpas) {
      const target = deployments.find((d) => d.metadata.name === hpa.spec!.scaleTargetRef.name);
      expect(target, hpa.metadata.name).toBeDefined();
      expect(hpa.spec!.scaleTargetRef.kind).toBe('Deployment');
      // The HPA owns the replica count: a fixed one in the Deployment would fight it on every apply.
      expect(target!.spec!.replicas, `${hpa.metadata.name} replicas`).toBeUndefined();
      expect(hpa.spec!.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec!.maxReplicas).toBeGreaterThan(hpa.spec!.minReplicas!);
      expect(
        target!.spec!.template.spec!.containers[0]!.resources?.requests?.cpu,
        'CPU utilization needs a CPU request',
      ).toBeDefined();
    }
    const budgets = byKind<K8sObject & PodDisruptionBudget>('PodDisruptionBudget');
    expect(budgets.length).toBeGreaterThanOrEqual(4);
    for (const budget of budgets) {
      const matches = deployments.filter((d) =>
        Object.entries(budget.spec!.selector!.matchLabels!).every(
          ([k, v]) => d.spec!.template.metadata!.labels![k] === v,
        ),
      );
      expect(
        matches.map((d) => d.metadata.name),
        `PDB ${budget.metadata.name} selects one Deployment`,
      ).toHaveLength(1);
    }
  });

  it('lets network policies through exactly the connections Sluice makes', () => {
    const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
      Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
    const podLabels = (o: K8sObject) => (o as unknown as Deployment).spec!.template.metadata!.labels!;
    const policies = byKind<K8sObject & NetworkPolicy>('NetworkPolicy');
    const policy = policies.find((p) => p.metadata.name === 'sluice-grpc-internal')!;
    for (const deployment of deployments) {
      const labels = podLabels(deployment);
      expect(matches(policy.spec!.podSelector.matchLabels, labels), `${deployment.metadata.name} selected`).toBe(true);
      const c = deployment.spec!.template.spec!.containers[0]!;
      // gRPC: allowed from every Sluice pod (each one's labels match the peer selector).
      const grpcRule = policy.spec!.ingress!.find((r) =>
        r.ports?.some((p) => containerPort(c, p.port) === containerPort(c, 'grpc')),
      );
      expect(grpcRule, `${deployment.metadata.name} grpc allowed`).toBeDefined();
      for (const peer of deployments)
        expect(grpcRule!.from?.some((f) => matches(f.podSelector?.matchLabels, podLabels(peer)))).toBe(true);
      // Ops/API HTTP: allowed from anywhere (probes, Prometheus, the ingress).
      const httpRule = policy.spec!.ingress!.find((r) =>
        r.ports?.some((p) => containerPort(c, p.port) === containerPort(c, 'http')),
      );
      expect(httpRule?.from, `${deployment.metadata.name} http open`).toBeUndefined();
      if (c.ports?.some((p) => p.name === 'ops')) {
        const opsRule = policy.spec!.ingress!.find((r) =>
          r.ports?.some((p) => containerPort(c, p.port) === containerPort(c, 'ops')),
        );
        expect(opsRule?.from, `${deployment.metadata.name} ops open to Prometheus`).toBeUndefined();
      }
    }
    // The optional database accepts persistence only, and is not caught by the Sluice policy.
    const statefulSet = postgresObjects.find((o) => o.kind === 'StatefulSet')!;
    const dbPolicy = postgresObjects.find((o) => o.kind === 'NetworkPolicy') as (K8sObject & NetworkPolicy) | undefined;
    expect(matches(policy.spec!.podSelector.matchLabels, podLabels(statefulSet))).toBe(false);
    expect(matches(dbPolicy!.spec!.podSelector.matchLabels, podLabels(statefulSet))).toBe(true);
    const dbContainer = (statefulSet as unknown as StatefulSet).spec!.template.spec!.containers[0]!;
    const [rule] = dbPolicy!.spec!.ingress!;
    expect(containerPort(dbContainer, rule!.ports![0]!.port)).toBe(5432);
    const allowed = deployments
      .filter((d) => rule!.from!.some((f) => matches(f.podSelector?.matchLabels, podLabels(d))))
      .map((d) => d.metadata.name);
    expect(allowed).toEqual(['persistence']);
  });

  it('routes the example Ingress to the gateway API port', () => {
    const [ingress] = ingressExample;
    const backend = ingress!.spec!.rules![0]!.http!.paths[0]!.backend.service!;
    const service = k8sServices.find((s) => s.metadata.name === backend.name);
    expect(service, `Service ${backend.name}`).toBeDefined();
    const port = service!.spec!.ports!.find((p) => p.name === backend.port!.name);
    expect(port?.port).toBe(services.gateway.http_port);
    expect(ingress!.metadata.namespace).toBe(kustomization.namespace);
  });

  it('sets images through kustomize for both the CPU and the CUDA image', () => {
    const imageNames = new Set(deployments.map((d) => d.spec!.template.spec!.containers[0]!.image!.split(':')[0]));
    expect([...imageNames].sort()).toEqual(kustomization.images.map((i) => i.name).sort());
    expect(byKind('Namespace').map((n) => n.metadata.name)).toEqual([kustomization.namespace]);
  });
});
