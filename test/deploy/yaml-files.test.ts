// Every YAML file under deploy/ parses cleanly: no syntax errors, no duplicate keys, no unknown tags.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deployDir, readYamlDocuments } from './deploy-files.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

describe('deploy/ YAML', () => {
  const files = yamlFiles(deployDir);

  it('finds the compose and Kubernetes files', () => {
    const names = files.map((f) => path.relative(deployDir, f).split(path.sep).join('/'));
    expect(names).toEqual(
      expect.arrayContaining([
        'compose/docker-compose.yaml',
        'compose/docker-compose.cpu.yaml',
        'k8s/kustomization.yaml',
      ]),
    );
  });

  it.each(files.map((f) => [path.relative(deployDir, f), f]))('%s parses', (_name, file) => {
    const documents = readYamlDocuments(file);
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) expect(typeof document).toBe('object');
  });

  it('rejects a duplicate key (the parse is strict)', () => {
    const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'duplicate-key.yaml');
    expect(() => readYamlDocuments(fixture)).toThrow(/[Dd]uplicate|unique/);
  });
});
