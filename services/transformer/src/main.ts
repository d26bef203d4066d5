// Entry point: node --import tsx services/transformer/src/main.ts
import { transformerStage } from './service.js';

transformerStage.main();
