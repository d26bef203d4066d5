export { buildCollectorService } from './service.js';
export { collectorSettingsSchema, sourceSchema, SOURCE_KINDS } from './settings.js';
export type { CollectorSettings, SourceConfig, SourceKind } from './settings.js';
