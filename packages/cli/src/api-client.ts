// The CLI's way to the HTTP API: the gateway's URL (--url, $SLUICE_URL, else the configured gateway port on
// this machine) and the API key (--key, $SLUICE_API_KEY, else the key `sluice start` keeps in .data/api-key).
// Problem responses become errors that carry the API's code and detail.
import { existsSync, readFileSync } from 'node:fs';
import { loadServiceConfig, z } from '@sluice/service-kit';
import { paths } from './paths.js';

export interface ApiOptions {
  url?: string;
  key?: string;
}

export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

export function apiBaseUrl(options: ApiOptions): string {
  if (options.url) return options.url.replace(/\/+$/, '');
  if (process.env.SLUICE_URL) return process.env.SLUICE_URL.replace(/\/+$/, '');
  const { services } = loadServiceConfig('cli', z.object({}).passthrough());
  return `http://127.0.0.1:${services.gateway.http_port}`;
}

export function apiKey(options: ApiOptions): string {
  const key =
    options.key ??
    process.env.SLUICE_API_KEY ??
    (existsSync(paths.apiKeyFile) ? readFileSync(paths.apiKeyFile, 'utf8').trim() : '');
  if (!key)
    throw new Error(
      `no API key: pass --key, set SLUICE_API_KEY, or run "pnpm start -- --serve" once (it keeps one in ${paths.apiKeyFile})`,
    );
  return key;
}

/** One request; resolves with the parsed JSON body (undefined for 204), throws ApiRequestError for problems. */
export async function apiRequest<T>(
  options: ApiOptions,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<T> {
  const url = `${apiBaseUrl(options)}${pathAndQuery}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${apiKey(options)}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    throw new Error(
      `cannot reach the Sluice API at ${apiBaseUrl(options)} (is it running? pnpm start -- --serve): ${(error as Error).message}`,
    );
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const problem = (parsed ?? {}) as { code?: string; detail?: string; title?: string };
    throw new ApiRequestError(
      response.status,
      problem.code ?? 'error',
      problem.detail ?? problem.title ?? text.slice(0, 200),
    );
  }
  return parsed as T;
}
