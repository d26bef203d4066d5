// Two gateway replicas (the real wiring of gateway.ts, each listening on its own port) share one rate-limit
// bucket per API key through the real persistence process on PostgreSQL: a key's limit holds across both,
// sequential or all at once. With persistence unreachable, a replica limits alone from its local buckets.
import { createMetricsRegistry, type ServicesConfig } from '@sluice/service-kit';
import { createTestDatabase, freePort, startStack, type Stack, type TestDatabase } from '@sluice/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../src/auth.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { gatewaySettingsSchema } from '../src/settings.js';
import { logger } from './helpers.js';

// 12 per minute with a 25 s burst: a bucket of 5 that refills one token every 5 s, so a test taking less than
// 5 s sees exactly 5 grants (the assertions allow one more per 5 s that passed, for a slow machine).
const KEY = 'replicas-test-key-0123456789abcdef0123456';
const PER_MINUTE = 12;
const CAPACITY = 5;
const REFILL_MS = 60_000 / PER_MINUTE;

let db: TestDatabase;
let stack: Stack;
const gateways: Array<{ gateway: Gateway; url: string; registry: ReturnType<typeof createMetricsRegistry> }> = [];

async function startReplica(persistenceAddress: string, keyName: string) {
  const unused = `127.0.0.1:${await freePort()}`;
  const services = {
    persistence: { grpc_address: persistenceAddress, http_port: 0 },
    inference: { grpc_address: unused, http_port: 0 },
    collector: { grpc_address: unused, http_port: 0 },
    transformer: { grpc_address: unused, http_port: 0 },
    scorer: { grpc_address: unused, http_port: 0 },
    gateway: { grpc_address: unused, http_port: 0 },
  } as ServicesConfig;
  const settings = gatewaySettingsSchema.parse({
    api_keys: [{ name: keyName, sha256: hashKey(KEY), scopes: ['read'], rate_limit_per_minute: PER_MINUTE }],
    rate_limit_burst_seconds: 25,
    rate_limit_scope: 'shared',
    shared_state_timeout_milliseconds: 2000,
    shared_state_retry_seconds: 60,
  });
  const registry = createMetricsRegistry('gateway');
  const gateway = await createGateway({ settings, services, logger, registry });
  const url = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  const replica = { gateway, url, registry };
  gateways.push(replica);
  return replica;
}

const whoami = async (url: string) => {
  const response = await fetch(`${url}/v1/whoami`, { headers: { authorization: `Bearer ${KEY}` } });
  await response.arrayBuffer();
  return response;
};

beforeAll(async () => {
  db = await createTestDatabase('sluice_gateway_replicas');
  stack = await startStack({ services: ['persistence'], env: { DATABASE_URL: db.url, SLUICE__LOG__LEVEL: 'warn' } });
}, 120_000);

afterAll(async () => {
  for (const { gateway } of gateways) {
    await gateway.drain();
    await gateway.close();
  }
  await stack?.stop();
  await db?.drop();
});

describe('gateway replicas', () => {
  it('hold a key to its rate across both replicas, request after request', async () => {
    const address = stack.addresses.persistence!.grpcAddress;
    const [a, b] = [await startReplica(address, 'sequential'), await startReplica(address, 'sequential')];
    const started = Date.now();
    const statuses: number[][] = [[], []];
    for (let i = 0; i < 12; i++) {
      const replica = i % 2;
      statuses[replica]!.push((await whoami([a!, b!][replica]!.url)).status);
    }
    const elapsed = Date.now() - started;
    const granted = statuses.flat().filter((s) => s === 200).length;
    expect(granted).toBeGreaterThanOrEqual(CAPACITY);
    expect(granted).toBeLessThanOrEqual(CAPACITY + Math.floor(elapsed / REFILL_MS));
    // Each replica alone would have granted 5 (10 in all); both saw refusals, answered 429 with Retry-After.
    for (const seen of statuses) expect(seen).toContain(429);
    const refused = await whoami(b!.url);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('ratelimit-limit')).toBe(String(PER_MINUTE));
  });

  it('hold a key to its rate when requests reach both replicas at the same moment', async () => {
    const address = stack.addresses.persistence!.grpcAddress;
    // A key of its own (another name: another bucket), on two fresh replicas.
    const [a, b] = [await startReplica(address, 'concurrent'), await startReplica(address, 'concurrent')];
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => whoami([a!, b!][i % 2]!.url)));
    const elapsed = Date.now() - started;
    const granted = responses.filter((r) => r.status === 200).length;
    expect(responses.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    expect(granted).toBeGreaterThanOrEqual(CAPACITY);
    expect(granted).toBeLessThanOrEqual(CAPACITY + Math.floor(elapsed / REFILL_MS));
  });

  it('limit alone, from local buckets, while persistence is unreachable', async () => {
    const nobody = `127.0.0.1:${await freePort()}`;
    const replica = await startReplica(nobody, 'offline');
    const statuses: number[] = [];
    for (let i = 0; i < CAPACITY + 2; i++) statuses.push((await whoami(replica.url)).status);
    expect(statuses).toEqual([...Array<number>(CAPACITY).fill(200), 429, 429]);
    const metrics = await replica.registry.getSingleMetricAsString('sluice_gateway_rate_limit_fallbacks_total');
    expect(Number(/ (\d+)$/m.exec(metrics)?.[1])).toBe(CAPACITY + 2);
  });
});
