// Reddit listing JSON (/r/<sub>/<listing>.json), following `after` for up to max_pages pages; for the `new`
// listing it stops at the newest post of the previous run (cursor), so a poll fetches only what is new.
import type { DeadLetter, RawItem } from '@sluice/protocol';
import { buildItem } from '../raw-item.js';
import type { SourceOf } from '../source-settings.js';
import { SourceFetchError } from '../http/fetch-error.js';
import { getJson } from './json-api-fetch.js';
import type { Chunk, CollectContext } from './source-collector.js';

interface RedditPost {
  name?: string;
  id?: string;
  title?: string;
  selftext?: string;
  selftext_html?: string | null;
  url?: string;
  permalink?: string;
  author?: string;
  created_utc?: number;
  score?: number;
  num_comments?: number;
  link_flair_text?: string | null;
  over_18?: boolean;
}

export async function* collectReddit(context: CollectContext<SourceOf<'reddit'>>): AsyncIterable<Chunk> {
  const { source } = context;
  const base = source.base_url.replace(/\/+$/, '');
  const previousNewest = (context.state.cursor as { newest?: string } | undefined)?.newest;
  let newest: string | undefined;
  let after: string | undefined;
  for (let page = 0; page < source.max_pages; page++) {
    const url = new URL(`${base}/r/${source.subreddit}/${source.listing}.json`);
    url.searchParams.set('limit', '100');
    url.searchParams.set('raw_json', '1');
    if (after) url.searchParams.set('after', after);
    const { json } = await getJson(context, url.toString());
    const data = (json as { data?: { children?: Array<{ data?: RedditPost }>; after?: string | null } })?.data;
    if (!data || !Array.isArray(data.children))
      throw new SourceFetchError('parse', 'not a Reddit listing', { url: url.toString() });
    const items: RawItem[] = [];
    const deadLetters: DeadLetter[] = [];
    const collectedAt = context.now();
    let reachedSeen = false;
    for (const child of data.children) {
      const post = child.data;
      if (!post?.name) continue;
      if (source.listing === 'new' && post.name === previousNewest) {
        reachedSeen = true;
        break;
      }
      newest ??= post.name;
      const permalink = post.permalink ? new URL(post.permalink, 'https://www.reddit.com').toString() : undefined;
      const built = buildItem(
        source,
        {
          externalId: post.name,
          url: post.url || permalink,
          title: post.title,
          content: post.selftext_html ?? post.selftext,
          contentType: post.selftext_html ? 'text/html' : 'text/plain',
          author: post.author,
          published: post.created_utc,
          tags: post.link_flair_text ? [post.link_flair_text] : [],
          engagement: { points: post.score ?? 0, comments: post.num_comments ?? 0 },
          attributes: {
            subreddit: source.subreddit,
            ...(permalink ? { discussion_url: permalink } : {}),
            ...(post.over_18 ? { nsfw: 'true' } : {}),
          },
        },
        collectedAt,
      );
      if (built.ok) items.push(built.item);
      else deadLetters.push(built.deadLetter);
    }
    if (items.length + deadLetters.length > 0) yield { items, deadLetters };
    after = data.after ?? undefined;
    if (reachedSeen || !after) break;
  }
  yield { items: [], deadLetters: [], checkpoint: { cursor: { newest: newest ?? previousNewest } } };
}
