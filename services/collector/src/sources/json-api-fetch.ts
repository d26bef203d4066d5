// Shared by the JSON API sources: one rate-limited, retried GET decoded as JSON, and RFC 8288 Link parsing.
import { decodeBody } from '../http/charset.js';
import { SourceFetchError } from '../http/fetch-error.js';
import { header, type Headers } from '../http/http-headers.js';
import type { CollectContext } from './source-collector.js';

export interface JsonResponse {
  json: unknown;
  headers: Headers;
  url: string;
}

export async function getJson(
  context: CollectContext,
  url: string,
  extraHeaders: Record<string, string> = {},
): Promise<JsonResponse> {
  const response = await context.http.get(url, {
    allowPrivate: context.allowPrivateNetwork,
    limiter: context.limiter,
    headers: { ...context.source.headers, ...extraHeaders },
    accept: 'application/json',
    signal: context.signal,
  });
  const text = decodeBody(response.body, header(response.headers, 'content-type'));
  try {
    return { json: JSON.parse(text), headers: response.headers, url: response.url };
  } catch (error) {
    throw new SourceFetchError('parse', `response is not valid JSON: ${(error as Error).message}`, {
      url: response.url,
      cause: error,
    });
  }
}

/** The URL of `rel` (default "next") in an RFC 8288 Link header, resolved against `base`. */
export function linkRel(value: string | undefined, base: string, rel = 'next'): string | undefined {
  if (!value) return undefined;
  for (const part of value.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const params = match[2] ?? '';
    const rels = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(params)?.[1]?.toLowerCase().split(/\s+/) ?? [];
    if (rels.includes(rel)) {
      try {
        return new URL(match[1]!, base).toString();
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Reads an environment variable that a source's config names; a missing one is a clear source error. */
export function secretFromEnv(name: string, sourceId: string): string {
  const value = process.env[name];
  if (!value) throw new SourceFetchError('config', `source ${sourceId}: environment variable ${name} is not set`);
  return value;
}
