// `sluice prepare`: everything a fresh checkout needs before it runs: the built-in models, the sample corpus and
// the web console's bundle (each only when missing or stale).
import { ensureConsoleBuilt } from '@sluice/console';
import { ensureBuiltinModels } from '@sluice/models';
import { ensureSampleCorpus, type SampleCorpus } from './sample-corpus.js';
import { paths } from './paths.js';

export interface PrepareResult {
  corpus: SampleCorpus;
  modelsBuilt: string[];
  modelsPresent: string[];
}

export async function prepare(options: { quiet?: boolean } = {}): Promise<PrepareResult> {
  const log = (message: string) => {
    if (!options.quiet) console.log(message);
  };
  const started = Date.now();
  const models = await ensureBuiltinModels({ dir: paths.models, onProgress: (message) => log(`  models: ${message}`) });
  if (models.built.length > 0) log(`built models ${models.built.join(', ')} in ${paths.models}`);
  const corpus = ensureSampleCorpus(paths.sample);
  await ensureConsoleBuilt({ onProgress: (message) => log(`  console: ${message}`) });
  log(
    `sample corpus: ${corpus.items} items (${corpus.file}); prepared in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { corpus, modelsBuilt: models.built, modelsPresent: models.present };
}
