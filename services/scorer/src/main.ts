// Entry point: node --import tsx services/scorer/src/main.ts
import { scorerStage } from './service.js';

scorerStage.main();
