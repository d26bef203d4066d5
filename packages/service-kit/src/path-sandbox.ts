// The rule for file paths that come from API clients (import jobs, API-managed file sources): a path is
// relative to one of the configured folders and stays inside them. Checked twice: by form where the request
// arrives (no disk access: the gateway may run on another machine than the collector), and on the disk by
// whoever opens the file (symbolic links resolved). Only config/sluice.yaml may name other paths.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Why `requested` is refused before any disk access, or undefined when its form is acceptable:
 * absolute paths (POSIX, Windows drive or UNC), `..` segments (with either separator), NUL and other
 * control characters.
 *
 * @example
 * pathFormProblem('feeds/list.opml'); // undefined
 * pathFormProblem('../etc/passwd');   // '".." segments are refused'
 */
export function pathFormProblem(requested: string): string | undefined {
  if (requested.length === 0) return 'the path is empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(requested)) return 'the path contains control characters';
  if (path.posix.isAbsolute(requested) || path.win32.isAbsolute(requested) || /^[A-Za-z]:/.test(requested)) {
    return 'absolute paths are refused: give a path relative to the import folder';
  }
  if (requested.split(/[\\/]+/).some((segment) => segment === '..')) return '".." segments are refused';
  return undefined;
}

export type SandboxRefusal = 'disabled' | 'invalid' | 'not_found' | 'outside' | 'not_a_file';

export type SandboxResult = { ok: true; file: string } | { ok: false; reason: SandboxRefusal; message: string };

/**
 * Resolves `requested` against each folder in order and returns the real path (symbolic links resolved) of the
 * first existing file, only if that real path lies inside one of the folders' real paths.
 *
 * @example
 * const found = await resolveInFolders(['/srv/imports'], 'today.jsonl');
 * if (found.ok) createReadStream(found.file);
 */
export async function resolveInFolders(folders: readonly string[], requested: string): Promise<SandboxResult> {
  if (folders.length === 0) return { ok: false, reason: 'disabled', message: 'no import folders are configured' };
  const problem = pathFormProblem(requested);
  if (problem) return { ok: false, reason: 'invalid', message: problem };
  const roots = await Promise.all(folders.map((folder) => realpath(folder).catch(() => path.resolve(folder))));
  for (const root of roots) {
    let real: string;
    try {
      real = await realpath(path.resolve(root, requested));
    } catch {
      continue;
    }
    // A symbolic link inside a folder may point anywhere: the real path decides.
    if (!roots.some((allowed) => isInside(allowed, real)))
      return { ok: false, reason: 'outside', message: 'the path leads outside the import folders' };
    if (!(await stat(real)).isFile()) return { ok: false, reason: 'not_a_file', message: 'the path is not a file' };
    return { ok: true, file: real };
  }
  return { ok: false, reason: 'not_found', message: `no file ${requested} in the import folders` };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
}
