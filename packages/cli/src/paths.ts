import path from 'node:path';
import { repoRoot } from '@sluice/service-kit';

/** Local state of a checkout: built models, embedded database, sample data, logs (all gitignored). */
export const paths = {
  models: process.env.SLUICE_MODELS_DIR ?? path.join(repoRoot, '.models'),
  data: process.env.SLUICE_DATA_DIR ?? path.join(repoRoot, '.data'),
  get sample() {
    return path.join(this.data, 'sample');
  },
  get logs() {
    return path.join(this.data, 'logs');
  },
  get apiKeyFile() {
    return path.join(this.data, 'api-key');
  },
};
