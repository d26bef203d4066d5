// Requests to a Hugging Face hub (or anything that serves files the way it does): the idle timeout that only a
// stalled transfer hits, the access token, the commit a revision names, and the checksums its headers carry.
export class PullError extends Error {
  override readonly name = 'PullError';
}

export function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

export function cleanEtag(value: string | null): string | undefined {
  if (!value) return undefined;
  return value.replace(/^W\//, '').replace(/"/g, '').trim() || undefined;
}

/** The expected checksum from the hub's headers: sha256 (64 hex) for LFS files, git blob sha1 (40 hex) otherwise. */
export function checksumKind(etag: string): 'sha256' | 'git-sha1' | undefined {
  if (/^[0-9a-f]{64}$/.test(etag)) return 'sha256';
  if (/^[0-9a-f]{40}$/.test(etag)) return 'git-sha1';
  return undefined;
}

/** A response with its idle timer: reset on every chunk, so only a stalled transfer times out (not a long one). */
export interface HubResponse {
  response: Response;
  idle: { reset(): void; clear(): void };
}

export async function hubFetch(
  url: string,
  options: { token?: string; headers?: Record<string, string>; redirect?: 'follow' | 'manual'; timeoutMs: number },
): Promise<HubResponse> {
  const headers: Record<string, string> = { 'user-agent': 'sluice-models', ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const controller = new AbortController();
  const arm = () =>
    setTimeout(
      () => controller.abort(new PullError(`no data from ${url} for ${options.timeoutMs} ms`)),
      options.timeoutMs,
    ).unref();
  let timer = arm();
  const idle: HubResponse['idle'] = {
    reset() {
      clearTimeout(timer);
      timer = arm();
    },
    clear: () => clearTimeout(timer),
  };
  try {
    return {
      response: await fetch(url, { headers, redirect: options.redirect ?? 'follow', signal: controller.signal }),
      idle,
    };
  } catch (error) {
    idle.clear();
    throw error;
  }
}

export async function cancel(hub: HubResponse): Promise<void> {
  hub.idle.clear();
  await hub.response.body?.cancel();
}

export async function resolveCommit(
  endpoint: string,
  repo: string,
  revision: string,
  token: string | undefined,
  timeoutMs: number,
): Promise<{ commit: string; siblings: string[] }> {
  const url = `${endpoint}/api/models/${repo}/revision/${encodeURIComponent(revision)}`;
  const { response, idle } = await hubFetch(url, { token, timeoutMs });
  if (response.status === 401 || response.status === 403)
    throw new PullError(`${repo}: access denied (${response.status}); set HF_TOKEN for gated or private models`);
  if (response.status === 404) throw new PullError(`${repo}@${revision}: repository or revision not found`);
  if (!response.ok) throw new PullError(`${repo}@${revision}: the hub answered ${response.status} for ${url}`);
  const info = (await response.json()) as { sha?: string; siblings?: Array<{ rfilename: string }> };
  idle.clear();
  if (!info.sha) throw new PullError(`${repo}@${revision}: the hub did not name the commit`);
  return { commit: info.sha, siblings: (info.siblings ?? []).map((s) => s.rfilename) };
}
