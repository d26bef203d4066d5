// Entry point: node --import tsx services/scorer/src/main.ts
import { main } from '@sluice/protocol';
import { buildScorer } from './service.js';
import { scorerSettingsSchema } from './settings.js';

main('scorer', scorerSettingsSchema, buildScorer);
