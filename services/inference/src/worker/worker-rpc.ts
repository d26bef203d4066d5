// Request/response over a worker thread: the main thread calls methods, the worker answers each by id.
import { Worker, parentPort, type Transferable } from 'node:worker_threads';

interface Request {
  id: number;
  method: string;
  args: unknown;
}

interface Response {
  id: number;
  result?: unknown;
  error?: { message: string; code?: string };
}

export class WorkerCallError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Starts a worker running `file` (a module URL); .ts sources get the tsx loader (see bootstrap.mjs). */
export function startWorker(file: URL, name: string): Worker {
  return new Worker(new URL('./bootstrap.mjs', import.meta.url), { name, workerData: { module: file.href } });
}

/** The URL of a worker module in this folder (`device-worker`, `tokenizer-worker`), .ts or compiled .js. */
export function workerModule(name: string): URL {
  return new URL(`./${name}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
}

export class WorkerClient {
  #next = 1;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #exited: Error | undefined;

  constructor(readonly worker: Worker) {
    worker.on('message', (response: Response) => {
      const pending = this.#pending.get(response.id);
      if (!pending) return;
      this.#pending.delete(response.id);
      if (response.error) pending.reject(new WorkerCallError(response.error.message, response.error.code));
      else pending.resolve(response.result);
    });
    const fail = (error: Error) => {
      this.#exited = error;
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new WorkerCallError(`worker exited with code ${code}`, 'worker_exit')));
  }

  get pending(): number {
    return this.#pending.size;
  }

  call<T>(method: string, args: unknown, transfer: Transferable[] = []): Promise<T> {
    if (this.#exited) return Promise.reject(this.#exited);
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, method, args } satisfies Request, transfer);
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Worker side: serves `handlers` one message at a time, in order. */
export function serveWorker(
  handlers: Record<string, (args: never) => Promise<{ result: unknown; transfer?: Transferable[] }>>,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run in a worker thread');
  let chain = Promise.resolve();
  port.on('message', (request: Request) => {
    chain = chain.then(async () => {
      const handler = handlers[request.method];
      try {
        if (!handler) throw new Error(`unknown method ${request.method}`);
        const { result, transfer } = await handler(request.args as never);
        port.postMessage({ id: request.id, result } satisfies Response, transfer ?? []);
      } catch (error) {
        const e = error as Error & { code?: string };
        port.postMessage({
          id: request.id,
          error: { message: e.message ?? String(error), code: e.code },
        } satisfies Response);
      }
    });
  });
}
