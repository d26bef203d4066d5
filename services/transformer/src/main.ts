// Entry point: node --import tsx services/transformer/src/main.ts
import { main } from '@sluice/protocol';
import { buildTransformer } from './service.js';
import { transformerSettingsSchema } from './settings.js';

main('transformer', transformerSettingsSchema, buildTransformer);
