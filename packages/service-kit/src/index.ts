export {
  CONFIG_SECTIONS,
  ConfigError,
  applyEnvOverrides,
  defaultConfigPath,
  formatIssues,
  loadServiceConfig,
  logSchema,
  parseSection,
  readRawConfig,
  repoRoot,
  serviceAddressSchema,
  servicesSchema,
} from './config.js';
export type { ConfigSection, RawConfig, ServiceAddress, ServiceConfig, ServicesConfig } from './config.js';
export { createLogger } from './logger.js';
export type { Logger } from './logger.js';
export {
  Counter,
  Gauge,
  Histogram,
  LATENCY_BUCKETS_SECONDS,
  Registry,
  SIZE_BUCKETS,
  createMetricsRegistry,
  getOrCreateCounter,
  getOrCreateGauge,
  getOrCreateHistogram,
} from './metrics.js';
export { startOpsServer } from './ops-server.js';
export type { OpsServer, OpsServerOptions } from './ops-server.js';
export { createShutdown } from './shutdown.js';
export type { ShutdownController, ShutdownStep } from './shutdown.js';
export { z } from 'zod';
export { pathFormProblem, resolveInFolders } from './path-sandbox.js';
export type { SandboxRefusal, SandboxResult } from './path-sandbox.js';
export { API_SOURCE_SECRET_ENV_PREFIX, apiSourceViolations } from './api-source-policy.js';
export type { PolicyViolation } from './api-source-policy.js';
