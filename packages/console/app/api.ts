// The console's only way to the server: the public HTTP API through openapi-fetch, typed by api-schema.d.ts
// (generated from the served OpenAPI document). The key lives in sessionStorage (gone when the tab closes).
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api-schema';

export type Item = components['schemas']['ItemFields'];
export type Job = components['schemas']['Job'];
export type PipelineSnapshot = components['schemas']['PipelineSnapshot'];
export type Problem = components['schemas']['Problem'];
export type Scope = 'read' | 'write' | 'admin';

const KEY_STORAGE = 'sluice-console-key';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function storeKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key);
}

const auth: Middleware = {
  onRequest({ request }) {
    const key = storedKey();
    if (key) request.headers.set('authorization', `Bearer ${key}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: location.origin });
api.use(auth);

/** The message a person should read for an error answer (problem+json or a network failure). */
export function problemText(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const p = error as Partial<Problem>;
    return `${p.title ?? 'Error'}${p.detail ? `: ${p.detail}` : ''} (${p.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Unwraps an openapi-fetch answer: the data, or throws an Error with the problem's text. */
export function must<T>(result: { data?: T; error?: unknown }): T {
  if (result.error !== undefined || result.data === undefined) throw new Error(problemText(result.error));
  return result.data;
}

/**
 * Reads a server-sent event stream of the API with the key in the Authorization header (EventSource cannot send
 * headers). Calls `onEvent` per event; returns a function that stops it.
 */
export function subscribe(
  path: '/v1/pipeline/events' | `/v1/jobs/${string}/events`,
  onEvent: (event: string, data: unknown) => void,
  onEnd?: (error?: string) => void,
): () => void {
  const controller = new AbortController();
  const run = async () => {
    const response = await fetch(path, {
      headers: { authorization: `Bearer ${storedKey() ?? ''}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) {
      const problem = await response.json().catch(() => ({ detail: response.statusText }));
      throw new Error(problemText(problem));
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (data.length > 0) onEvent(event, JSON.parse(data.join('\n')));
      }
    }
  };
  run().then(
    () => onEnd?.(),
    (error: unknown) => {
      if (!controller.signal.aborted) onEnd?.(error instanceof Error ? error.message : String(error));
    },
  );
  return () => controller.abort();
}

/** The JSON body of a GET route's 200 answer. */
export type GetOk<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer T } } } };
}
  ? T
  : never;
