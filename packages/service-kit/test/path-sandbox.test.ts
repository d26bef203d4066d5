// The path rule for paths from API clients, on a real folder tree with symbolic links.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_PATHS } from '../../../test/support/hostile-paths.js';
import { pathFormProblem, resolveInFolders } from '../src/path-sandbox.js';

describe('pathFormProblem', () => {
  it('refuses absolute, drive, UNC, ".." (either separator), NUL and control characters', () => {
    for (const hostile of [...HOSTILE_PATHS, ''])
      expect(pathFormProblem(hostile), JSON.stringify(hostile)).toBeTypeOf('string');
  });
  it('accepts plain relative paths, including names that merely start with dots', () => {
    for (const fine of [
      'a.jsonl',
      'feeds/list.opml',
      './today.csv',
      '..hidden/file.jsonl',
      'dir/...jsonl',
      'ünïcode/файл.jsonl',
    ]) {
      expect(pathFormProblem(fine), fine).toBeUndefined();
    }
  });
});

describe('resolveInFolders', () => {
  let base: string;
  let imports: string;
  let second: string;

  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'sluice-sandbox-'));
    imports = path.join(base, 'imports');
    second = path.join(base, 'more-imports');
    mkdirSync(path.join(imports, 'sub'), { recursive: true });
    mkdirSync(second);
    writeFileSync(path.join(base, 'outside.jsonl'), '{"secret":true}\n');
    writeFileSync(path.join(imports, 'inside.jsonl'), '{}\n');
    writeFileSync(path.join(imports, 'sub', 'deep.jsonl'), '{}\n');
    writeFileSync(path.join(second, 'other.jsonl'), '{}\n');
    symlinkSync(path.join(base, 'outside.jsonl'), path.join(imports, 'link-out.jsonl'));
    symlinkSync(base, path.join(imports, 'dir-out'));
    symlinkSync(path.join(imports, 'sub', 'deep.jsonl'), path.join(imports, 'link-in.jsonl'));
    symlinkSync('/etc/passwd', path.join(imports, 'passwd'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('returns the real path of a file inside the folders (tried in order)', async () => {
    expect(await resolveInFolders([imports], 'inside.jsonl')).toEqual({
      ok: true,
      file: path.join(imports, 'inside.jsonl'),
    });
    expect(await resolveInFolders([imports], 'sub/deep.jsonl')).toMatchObject({ ok: true });
    expect(await resolveInFolders([imports, second], 'other.jsonl')).toEqual({
      ok: true,
      file: path.join(second, 'other.jsonl'),
    });
  });

  it('follows a symbolic link that stays inside', async () => {
    expect(await resolveInFolders([imports], 'link-in.jsonl')).toEqual({
      ok: true,
      file: path.join(imports, 'sub', 'deep.jsonl'),
    });
  });

  it('refuses symbolic links out of the folders (to a file, to a folder, to /etc/passwd)', async () => {
    for (const link of ['link-out.jsonl', 'dir-out/outside.jsonl', 'passwd']) {
      expect(await resolveInFolders([imports], link), link).toMatchObject({ ok: false, reason: 'outside' });
    }
  });

  it('refuses every hostile form before touching the disk, even when the target exists', async () => {
    for (const hostile of HOSTILE_PATHS) {
      expect(await resolveInFolders([imports], hostile), JSON.stringify(hostile)).toMatchObject({
        ok: false,
        reason: 'invalid',
      });
    }
    // An absolute path inside the folder is refused too: API clients name files relative to it.
    expect(await resolveInFolders([imports], path.join(imports, 'inside.jsonl'))).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });

  it('says not_found, not_a_file and disabled', async () => {
    expect(await resolveInFolders([imports], 'missing.jsonl')).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await resolveInFolders([imports], 'sub')).toMatchObject({ ok: false, reason: 'not_a_file' });
    expect(await resolveInFolders([], 'inside.jsonl')).toMatchObject({ ok: false, reason: 'disabled' });
  });
});
