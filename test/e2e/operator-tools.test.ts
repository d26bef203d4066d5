// What operators point their own tools at, checked against the real services (every service its own process,
// started once for this file): the metric names the Grafana dashboard and the alert rules use against what the
// services export on /metrics, and gRPC reflection as grpcurl, Postman or Evans use it, with a client that
// knows only the reflection .proto.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFLECTION_PROTO_PATH, deadlineIn, grpc } from '@sluice/protocol';
import { createMetricsRegistry, repoRoot, startOpsServer } from '@sluice/service-kit';
import {
  dashboardExpressions,
  exportedMetricNames,
  metricNames,
  missingMetrics,
  ruleExpressions,
} from '../support/promql-metrics.js';
import {
  SERVICE_NAMES,
  createTestDatabase,
  runSources,
  startStack,
  type ServiceName,
  type Stack,
  type TestDatabase,
} from '@sluice/stack';

const ITEMS = 40;

/** What each process serves besides grpc.health.v1.Health (its runService registrations). */
const SERVED: Record<ServiceName, string[]> = {
  persistence: [
    'sluice.v1.Persistence',
    'sluice.v1.PersistenceAdmin',
    'sluice.v1.PipelineStage',
    'sluice.v1.SharedState',
  ],
  inference: ['sluice.v1.Inference', 'sluice.v1.PipelineStage'],
  scorer: ['sluice.v1.PipelineStage'],
  transformer: ['sluice.v1.PipelineStage'],
  collector: ['sluice.v1.Collector'],
  gateway: [],
};

let stack: Stack;
let db: TestDatabase;
let workDir: string;
/** The supervisor's metrics page, served the way `sluice start` serves it (sluice_supervisor_restarts_total). */
let cliOps: { port: number; close(): Promise<void> };

beforeAll(async () => {
  db = await createTestDatabase('sluice_operator');
  workDir = mkdtempSync(path.join(os.tmpdir(), 'sluice-operator-'));
  const jsonl = path.join(workDir, 'items.jsonl');
  writeFileSync(
    jsonl,
    Array.from({ length: ITEMS }, (_, i) =>
      JSON.stringify({
        id: `op-${i}`,
        title: `Operator item ${i}`,
        content: `The market rallied as investors cheered result number ${i}.`,
      }),
    ).join('\n') + '\n',
  );
  const cliRegistry = createMetricsRegistry('cli');
  stack = await startStack({
    registry: cliRegistry,
    env: {
      DATABASE_URL: db.url,
      SLUICE_API_KEY: 'operator-test-key-0123456789',
      SLUICE__LOG__LEVEL: 'warn',
      SLUICE__COLLECTOR__SOURCES: JSON.stringify([
        { id: 'operator-jsonl', kind: 'jsonl', path: jsonl, interval_seconds: 3600 },
      ]),
    },
  });
  cliOps = await startOpsServer({ port: 0, host: '127.0.0.1', registry: cliRegistry, isReady: () => true });
  // Items through every stage, so counters and histograms have samples as well as declarations.
  const progress = await runSources({ collectorAddress: stack.addresses.collector!.grpcAddress, timeoutMs: 120_000 });
  expect(progress.acknowledged).toBe(ITEMS);
});

afterAll(async () => {
  await cliOps?.close();
  await stack?.stop();
  await db?.drop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// ---- the dashboard and the alert rules name only metrics the services export ----

const monitoring = path.join(repoRoot, 'deploy', 'monitoring');
const dashboardUses = dashboardExpressions(
  JSON.parse(readFileSync(path.join(monitoring, 'grafana', 'dashboards', 'sluice-pipeline.json'), 'utf8')),
);
const rulesUse = ruleExpressions(YAML.parse(readFileSync(path.join(monitoring, 'prometheus', 'alerts.yml'), 'utf8')));

describe('metrics the dashboard and the alert rules use', () => {
  const exported = new Map<ServiceName | 'cli', Set<string>>();
  const all = () => new Set([...exported.values()].flatMap((names) => [...names]));

  beforeAll(async () => {
    for (const name of SERVICE_NAMES) {
      const response = await fetch(`${stack.opsUrl(name)}/metrics`, { signal: AbortSignal.timeout(10_000) });
      expect(response.status, name).toBe(200);
      exported.set(name, exportedMetricNames(await response.text()));
    }
    const cli = await fetch(`http://127.0.0.1:${cliOps.port}/metrics`, { signal: AbortSignal.timeout(10_000) });
    exported.set('cli', exportedMetricNames(await cli.text()));
  });

  it('scraped every running service', () => {
    for (const name of SERVICE_NAMES)
      expect(exported.get(name)!.has('sluice_process_resident_memory_bytes'), name).toBe(true);
    expect(all().size).toBeGreaterThan(100);
  });

  it('every dashboard panel queries metrics that a service exports', () => {
    expect(dashboardUses.length).toBeGreaterThan(40);
    const missing = dashboardUses.flatMap(({ panel, expr }) =>
      missingMetrics(metricNames(expr), all()).map((name) => `${panel}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('every alert rule uses metrics that a service exports', () => {
    expect(rulesUse.length).toBeGreaterThanOrEqual(7);
    const missing = rulesUse.flatMap(({ rule, expr }) =>
      missingMetrics(metricNames(expr), all()).map((name) => `${rule}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('would fail on a panel that names a metric nobody exports', () => {
    const broken = dashboardExpressions({
      panels: [{ title: 'typo', targets: [{ expr: 'sum(rate(sluice_stage_itmes_total[5m]))' }] }],
    });
    expect(broken.flatMap(({ expr }) => missingMetrics(metricNames(expr), all()))).toEqual([
      'sluice_stage_itmes_total',
    ]);
  });

  it('has the metrics each stage is expected to export where it runs', () => {
    // Per-process spot checks: a metric in the wrong process would pass the union check above.
    expect(exported.get('inference')!.has('sluice_inference_gpu_memory_bytes')).toBe(true);
    expect(exported.get('collector')!.has('sluice_collector_breakers_open')).toBe(true);
    for (const stage of ['transformer', 'inference', 'scorer'] as const)
      expect(exported.get(stage)!.has('sluice_stage_downstream_unacked_items'), stage).toBe(true);
    expect(exported.get('collector')!.has('sluice_stage_downstream_unacked_items')).toBe(true);
    expect(exported.get('persistence')!.has('sluice_persistence_rows_written_total')).toBe(true);
    expect(exported.get('cli')!.has('sluice_supervisor_restarts_total')).toBe(true);
  });
});

// ---- gRPC reflection, through nothing but grpc.reflection.v1's own .proto ----

interface ReflectionResponse {
  message_response: 'list_services_response' | 'file_descriptor_response' | 'error_response';
  list_services_response?: { service: { name: string }[] };
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
  error_response?: { error_code: number; error_message: string };
}

interface ReflectionClient extends grpc.Client {
  ServerReflectionInfo(options: grpc.CallOptions): grpc.ClientDuplexStream<object, ReflectionResponse>;
}

const reflectionPackage = grpc.loadPackageDefinition(
  protoLoader.loadSync(REFLECTION_PROTO_PATH, { keepCase: true, enums: String, defaults: true, oneofs: true }),
) as unknown as {
  grpc: {
    reflection: {
      v1: { ServerReflection: new (address: string, credentials: grpc.ChannelCredentials) => ReflectionClient };
    };
  };
};

/** Sends `requests` on one ServerReflectionInfo stream and resolves with the responses, in order. */
async function reflect(address: string, requests: object[]): Promise<ReflectionResponse[]> {
  const client = new reflectionPackage.grpc.reflection.v1.ServerReflection(address, grpc.credentials.createInsecure());
  try {
    return await new Promise((resolve, reject) => {
      const responses: ReflectionResponse[] = [];
      const call = client.ServerReflectionInfo({ deadline: deadlineIn(10_000) });
      call.on('data', (response: ReflectionResponse) => responses.push(response));
      call.on('error', reject);
      call.on('end', () => resolve(responses));
      for (const request of requests) call.write(request);
      call.end();
    });
  } finally {
    client.close();
  }
}

/** A protobufjs root built only from the file descriptors the server sent. */
function rootOf(response: ReflectionResponse): protobuf.Root {
  const files = response.file_descriptor_response!.file_descriptor_proto.map((bytes) =>
    descriptor.FileDescriptorProto.decode(bytes),
  );
  return (protobuf.Root as unknown as { fromDescriptor(set: object): protobuf.Root }).fromDescriptor({ file: files });
}

/** A unary call made from reflected types alone. */
function callReflected(
  address: string,
  root: protobuf.Root,
  service: string,
  method: string,
  request: object,
): Promise<Record<string, unknown>> {
  const definition = root.lookupService(service).methods[method]!;
  definition.resolve();
  const requestType = definition.resolvedRequestType!;
  const responseType = definition.resolvedResponseType!;
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      `/${service}/${method}`,
      (value: object) => Buffer.from(requestType.encode(requestType.fromObject(value)).finish()),
      (bytes: Buffer) => responseType.toObject(responseType.decode(bytes), { enums: String, defaults: true }),
      request,
      { deadline: deadlineIn(10_000) },
      (error, value) => {
        client.close();
        if (error) reject(error);
        else resolve(value as Record<string, unknown>);
      },
    );
  });
}

describe('gRPC server reflection', () => {
  it.each(SERVICE_NAMES.map((name) => [name]))('lists what %s serves, health included', async (name) => {
    const [response] = await reflect(stack.addresses[name]!.grpcAddress, [{ list_services: '' }]);
    expect(response!.message_response).toBe('list_services_response');
    expect(response!.list_services_response!.service.map((s) => s.name).sort()).toEqual(
      [...SERVED[name], 'grpc.health.v1.Health'].sort(),
    );
  });

  it('describes every listed service with its methods and message types (file_containing_symbol)', async () => {
    for (const name of SERVICE_NAMES) {
      const address = stack.addresses[name]!.grpcAddress;
      const services = [...SERVED[name], 'grpc.health.v1.Health'];
      const responses = await reflect(
        address,
        services.map((symbol) => ({ file_containing_symbol: symbol })),
      );
      expect(
        responses.map((r) => r.message_response),
        name,
      ).toEqual(services.map(() => 'file_descriptor_response'));
      responses.forEach((response, i) => {
        const service = rootOf(response).lookupService(services[i]!);
        expect(Object.keys(service.methods).length, `${name} ${services[i]}`).toBeGreaterThan(0);
        // Every request and response type resolves from the sent files (dependencies included).
        for (const method of Object.values(service.methods))
          expect(() => method.resolve(), `${services[i]}.${method.name}`).not.toThrow();
      });
    }
  });

  it('answers an unknown symbol with NOT_FOUND instead of a file', async () => {
    const [response] = await reflect(stack.addresses.inference!.grpcAddress, [
      { file_containing_symbol: 'sluice.v1.NoSuchService' },
    ]);
    expect(response!.message_response).toBe('error_response');
    expect(response!.error_response!.error_code).toBe(grpc.status.NOT_FOUND);
  });

  it('is enough to call a service: health on every process, Embed on inference', async () => {
    for (const name of SERVICE_NAMES) {
      const address = stack.addresses[name]!.grpcAddress;
      const [health] = await reflect(address, [{ file_containing_symbol: 'grpc.health.v1.Health' }]);
      expect(
        await callReflected(address, rootOf(health!), 'grpc.health.v1.Health', 'Check', { service: '' }),
        name,
      ).toEqual({ status: 'SERVING' });
    }
    const address = stack.addresses.inference!.grpcAddress;
    const [inference] = await reflect(address, [{ file_containing_symbol: 'sluice.v1.Inference' }]);
    const embedded = (await callReflected(address, rootOf(inference!), 'sluice.v1.Inference', 'Embed', {
      inputs: [{ id: 'a', text: 'markets rallied today' }],
    })) as { results: { id: string; values: number[] }[] };
    expect(embedded.results).toHaveLength(1);
    expect(embedded.results[0]!.id).toBe('a');
    expect(embedded.results[0]!.values.length).toBeGreaterThan(10);
  });
});
