export { canListen, freePort } from './ports.js';
export { SERVICE_NAMES, serviceEntry, spawnService } from './service-process.js';
export type { ServiceName, ServiceProcess, SpawnOptions } from './service-process.js';
export { addressEnv, allocateAddresses, busyAddresses, startStack, waitUntilServing } from './stack.js';
export type { Stack, StackAddresses, StackOptions } from './stack.js';
export { createTestDatabase, serverUrl } from './test-database.js';
export type { TestDatabase } from './test-database.js';
export { runSources } from './run-sources.js';
export type { RunSourcesOptions } from './run-sources.js';
