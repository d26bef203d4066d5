// GitHub releases or issues of one repository (REST API, Link-header pagination, optional token from env).
import type { DeadLetter, RawItem } from '@sluice/protocol';
import { buildItem } from '../raw-item.js';
import type { SourceOf } from '../source-settings.js';
import { SourceFetchError } from '../http/fetch-error.js';
import { header } from '../http/http-headers.js';
import { getJson, linkRel, secretFromEnv } from './json-api-fetch.js';
import type { Chunk, CollectContext } from './source-collector.js';

interface GithubRecord {
  id?: number;
  number?: number;
  html_url?: string;
  name?: string | null;
  tag_name?: string;
  title?: string;
  body?: string | null;
  published_at?: string | null;
  created_at?: string;
  user?: { login?: string };
  author?: { login?: string };
  comments?: number;
  reactions?: { total_count?: number };
  labels?: Array<{ name?: string } | string>;
  pull_request?: unknown;
  state?: string;
  draft?: boolean;
  prerelease?: boolean;
}

export async function* collectGithub(context: CollectContext<SourceOf<'github'>>): AsyncIterable<Chunk> {
  const { source } = context;
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
  };
  if (source.token_env) headers.authorization = `Bearer ${secretFromEnv(source.token_env, source.id)}`;
  const base = source.base_url.replace(/\/+$/, '');
  let url: string | undefined =
    source.resource === 'releases'
      ? `${base}/repos/${source.repo}/releases?per_page=100`
      : `${base}/repos/${source.repo}/issues?state=all&sort=updated&direction=desc&per_page=100`;
  for (let page = 0; url && page < source.max_pages; page++) {
    const response = await getJson(context, url, headers);
    if (!Array.isArray(response.json))
      throw new SourceFetchError('parse', 'expected a JSON array from the GitHub API', { url });
    const items: RawItem[] = [];
    const deadLetters: DeadLetter[] = [];
    const collectedAt = context.now();
    for (const record of response.json as GithubRecord[]) {
      if (source.resource === 'releases' && record.draft) continue;
      const isPull = record.pull_request !== undefined;
      const built = buildItem(
        source,
        {
          externalId: record.id !== undefined ? String(record.id) : undefined,
          url: record.html_url,
          title: source.resource === 'releases' ? record.name || record.tag_name : record.title,
          content: record.body ?? '',
          contentType: 'text/plain', // Markdown
          author: (record.author ?? record.user)?.login,
          published: record.published_at ?? record.created_at,
          tags: [
            source.resource === 'releases' ? 'release' : isPull ? 'pull_request' : 'issue',
            ...(record.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
            ...(record.prerelease ? ['prerelease'] : []),
          ],
          engagement: { points: record.reactions?.total_count ?? 0, comments: record.comments ?? 0 },
          attributes: {
            repo: source.repo,
            ...(record.tag_name ? { tag: record.tag_name } : {}),
            ...(record.state ? { state: record.state } : {}),
          },
        },
        collectedAt,
      );
      if (built.ok) items.push(built.item);
      else deadLetters.push(built.deadLetter);
    }
    if (items.length + deadLetters.length > 0) yield { items, deadLetters };
    url = linkRel(header(response.headers, 'link'), response.url);
  }
  yield { items: [], deadLetters: [], checkpoint: { cursor: { repo: source.repo, resource: source.resource } } };
}
