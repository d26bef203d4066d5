// The built web console (packages/console/dist) as an in-memory table of files: read once when the folder
// appears, re-read when its index.html changes (a rebuild while the gateway runs). Only the files found in the
// folder can be served, so no request path ever reaches the file system.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ConsoleFile {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Vite's content-hashed assets never change under one name. */
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export class ConsoleFiles {
  readonly directory: string;
  #files = new Map<string, ConsoleFile>();
  #indexMtimeMs = -1;

  constructor(directory: string) {
    this.directory = directory;
  }

  /** The file for a path relative to /console/ ('' is index.html); undefined when there is none. */
  get(relative: string): ConsoleFile | undefined {
    this.#refresh();
    return this.#files.get(relative === '' ? 'index.html' : relative);
  }

  /** Whether a built console is in the folder. */
  get built(): boolean {
    this.#refresh();
    return this.#files.has('index.html');
  }

  #refresh(): void {
    let mtime: number;
    try {
      mtime = statSync(path.join(this.directory, 'index.html')).mtimeMs;
    } catch {
      this.#files = new Map();
      this.#indexMtimeMs = -1;
      return;
    }
    if (mtime === this.#indexMtimeMs) return;
    const files = new Map<string, ConsoleFile>();
    const walk = (dir: string, prefix: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(path.join(dir, entry.name), rel);
        else if (entry.isFile() && !entry.name.startsWith('.')) {
          const body = readFileSync(path.join(dir, entry.name));
          files.set(rel, {
            body,
            contentType: TYPES[path.extname(entry.name).toLowerCase()] ?? 'application/octet-stream',
            etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
            immutable: rel.startsWith('assets/'),
          });
        }
      }
    };
    walk(this.directory, '');
    this.#files = files;
    this.#indexMtimeMs = mtime;
  }
}
