// `sluice models pull <owner/name>`: a pretrained model folder from the Hugging Face hub into .models/.
import path from 'node:path';
import cliProgress from 'cli-progress';
import { pullModel } from '@sluice/models';
import { paths } from './paths.js';

export interface PullCommandOptions {
  revision?: string;
  dir?: string;
  endpoint?: string;
}

export async function modelsPull(repo: string, options: PullCommandOptions): Promise<void> {
  const dir = options.dir ?? path.join(paths.models, repo.split('/').pop() ?? repo);
  const bar = new cliProgress.SingleBar(
    {
      format: '  {file} {bar} {percentage}% | {received}/{total} MB | file {filesDone}/{filesTotal}',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const result = await pullModel({
    repo,
    revision: options.revision,
    dir,
    endpoint: options.endpoint,
    onProgress: (p) => {
      const total = Math.max(1, p.totalBytes ?? p.receivedBytes);
      const payload = {
        file: p.file,
        received: mb(p.receivedBytes),
        total: mb(total),
        filesDone: p.filesDone,
        filesTotal: p.filesTotal,
      };
      if (!started) {
        bar.start(total, p.receivedBytes, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.receivedBytes, payload);
      }
    },
  });
  if (started) bar.stop();
  const fetched = result.files.filter((f) => !f.skipped).length;
  console.log(
    `${result.repo}@${result.revision} (commit ${result.commit.slice(0, 12)}) in ${result.dir}: ${fetched} file(s) downloaded, ${result.files.length - fetched} already present and verified`,
  );
  console.log(
    'The inference service finds model folders under .models/ by itself at start-up or on ReloadModels; folders elsewhere go in inference.extra_models (see docs/models.md).',
  );
}
