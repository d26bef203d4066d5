// Entry point: node --import tsx services/inference/src/main.ts
import { inferenceStage } from './service.js';

inferenceStage.main();
