// The inference service process (see service.ts for what it wires).
import { main } from '@sluice/protocol';
import { buildInferenceService } from './service.js';
import { inferenceSettingsSchema } from './settings.js';

main('inference', inferenceSettingsSchema, (ctx) => buildInferenceService(ctx));
