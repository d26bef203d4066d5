// The collector process. See docs/sources.md.
import { main } from '@sluice/protocol';
import { buildCollectorService } from './service.js';
import { collectorSettingsSchema } from './settings.js';

main('collector', collectorSettingsSchema, buildCollectorService);
