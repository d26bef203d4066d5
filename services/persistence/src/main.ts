// Entry point: node --import tsx services/persistence/src/main.ts
import { persistenceStage } from './service.js';

persistenceStage.main();
