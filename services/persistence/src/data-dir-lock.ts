// PGlite has no multi-process locking: two processes opening one data folder silently diverge (FACTS.md).
// A lock file next to the folder, created exclusively, makes the second process fail with a clear message.
// A lock left by a process that no longer runs is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
}

export interface DataDirLock {
  file: string;
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<dataDir>.lock` for this process; throws DataDirLockedError when a live process holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = `${path.resolve(dataDir)}.lock`;
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }), {
        flag: 'wx',
      });
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: { pid?: number; host?: string } = {};
    try {
      holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
    } catch {
      // Half-written or corrupt: treat as stale.
    }
    const sameHost = !holder.host || holder.host === hostname();
    if (typeof holder.pid === 'number' && holder.pid !== process.pid && (!sameHost || processAlive(holder.pid))) {
      throw new DataDirLockedError(
        `the embedded database ${dataDir} is in use by process ${holder.pid}${sameHost ? '' : ` on ${holder.host}`} (lock file ${file}). ` +
          'Only one persistence process may open it: stop the other one, or set persistence.data_dir (or DATABASE_URL) to use another database.',
      );
    }
    if (holder.pid === process.pid) {
      throw new DataDirLockedError(
        `the embedded database ${dataDir} is already open in this process (lock file ${file})`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new DataDirLockedError(`could not take the lock file ${file}`);
}
