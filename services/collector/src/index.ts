export { buildCollectorService } from './service.js';
export { collectorSettingsSchema } from './settings.js';
export { sourceSchema, SOURCE_KINDS } from './source-settings.js';
export type { CollectorSettings } from './settings.js';
export type { SourceConfig, SourceKind } from './source-settings.js';
