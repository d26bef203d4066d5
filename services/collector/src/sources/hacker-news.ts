// Hacker News (Firebase API): a story list (top/new/best), then each story, a few at a time within the
// source's rate limit. Points and comment counts travel as engagement.
import type { DeadLetter, RawItem } from '@sluice/protocol';
import { buildItem } from '../raw-item.js';
import type { SourceOf } from '../source-settings.js';
import { SourceFetchError } from '../http/fetch-error.js';
import { getJson } from './json-api-fetch.js';
import type { Chunk, CollectContext } from './source-collector.js';

interface HnItem {
  id?: number;
  type?: string;
  title?: string;
  url?: string;
  text?: string;
  by?: string;
  time?: number;
  score?: number;
  descendants?: number;
  deleted?: boolean;
  dead?: boolean;
}

export async function* collectHackerNews(context: CollectContext<SourceOf<'hacker_news'>>): AsyncIterable<Chunk> {
  const { source } = context;
  const base = source.base_url.replace(/\/+$/, '');
  const list = await getJson(context, `${base}/${source.list}stories.json`);
  if (!Array.isArray(list.json)) throw new SourceFetchError('parse', 'story list is not an array', { url: list.url });
  const ids = (list.json as unknown[]).filter((id): id is number => Number.isInteger(id)).slice(0, source.max_items);
  let items: RawItem[] = [];
  let deadLetters: DeadLetter[] = [];
  for (let start = 0; start < ids.length; start += source.concurrency) {
    const group = ids.slice(start, start + source.concurrency);
    const stories = await Promise.all(group.map((id) => getJson(context, `${base}/item/${id}.json`)));
    const collectedAt = context.now();
    for (const { json } of stories) {
      const story = json as HnItem | null;
      if (!story || story.deleted || story.dead || story.id === undefined) continue; // gone upstream: nothing to collect
      const built = buildItem(
        source,
        {
          externalId: String(story.id),
          url: story.url ?? `https://news.ycombinator.com/item?id=${story.id}`,
          title: story.title,
          content: story.text,
          contentType: 'text/html',
          author: story.by,
          published: story.time,
          tags: story.type ? [story.type] : [],
          engagement: { points: story.score ?? 0, comments: story.descendants ?? 0 },
          attributes: { hn_id: String(story.id), discussion_url: `https://news.ycombinator.com/item?id=${story.id}` },
        },
        collectedAt,
      );
      if (built.ok) items.push(built.item);
      else deadLetters.push(built.deadLetter);
    }
    if (items.length >= context.batchSize) {
      yield { items, deadLetters };
      items = [];
      deadLetters = [];
    }
  }
  yield { items, deadLetters, checkpoint: { cursor: { list: source.list, ids: ids.length } } };
}
