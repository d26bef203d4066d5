// One item: clean text, canonical link, labels, the score explanation (bar and table) and its near-duplicates
// (the item it duplicates, and the items marked as duplicates of it).
import { useEffect, useState } from 'preact/hooks';
import { api, must, type Item } from '../api';
import { when } from '../format';
import { Labels, ScoreBar, ScoreLegend } from './score-bar';

export function ItemPage({ id }: { id: string }) {
  const [item, setItem] = useState<Item | null>(null);
  const [duplicates, setDuplicates] = useState<Item[]>([]);
  const [original, setOriginal] = useState<Item | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let stale = false;
    setItem(null);
    setOriginal(null);
    setError('');
    (async () => {
      const found = must(await api.GET('/v1/items/{id}', { params: { path: { id } } }));
      if (stale) return;
      setItem(found);
      const dupes = must(
        await api.GET('/v1/items', {
          params: { query: { duplicate_of: id, limit: 20, fields: 'id,title,source_id,published_at' } },
        }),
      );
      if (!stale) setDuplicates(dupes.items);
      if (found.duplicate_of) {
        const first = await api.GET('/v1/items/{id}', {
          params: { path: { id: found.duplicate_of }, query: { fields: 'id,title,source_id,published_at' } },
        });
        if (!stale && first.data) setOriginal(first.data);
      }
    })().catch((e: Error) => !stale && setError(e.message));
    return () => {
      stale = true;
    };
  }, [id]);

  if (error)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (!item) return <p class="muted">Loading…</p>;
  const link = item.canonical_url || item.url;
  return (
    <article aria-labelledby="item-title">
      <p>
        <a href="#/items">← Items</a>
      </p>
      <h1 id="item-title">{item.title || '(untitled)'}</h1>
      <dl class="facts">
        <dt>Source</dt>
        <dd>{item.source_id}</dd>
        <dt>Canonical link</dt>
        <dd>
          {link ? (
            <a href={link} rel="noreferrer noopener" target="_blank">
              {link}
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>Published</dt>
        <dd>{when(item.published_at)}</dd>
        <dt>Collected</dt>
        <dd>{when(item.collected_at)}</dd>
        <dt>Language</dt>
        <dd>{item.language}</dd>
        <dt>Words</dt>
        <dd>
          {item.word_count} ({Math.ceil((item.reading_time_seconds ?? 0) / 60)} min read)
        </dd>
        <dt>Labels</dt>
        <dd>
          <Labels item={item} />
        </dd>
      </dl>
      <section aria-labelledby="score-title">
        <h2 id="score-title">Score</h2>
        <ScoreBar score={item.score} wide />
        {item.score && <ScoreLegend score={item.score} />}
      </section>
      <section aria-labelledby="dupes-title">
        <h2 id="dupes-title">Near-duplicates</h2>
        {original && (
          <p>
            Duplicate of <a href={`#/items/${original.id}`}>{original.title || original.id}</a> ({original.source_id})
          </p>
        )}
        {duplicates.length > 0 ? (
          <ul data-testid="duplicates">
            {duplicates.map((d) => (
              <li key={d.id}>
                <a href={`#/items/${d.id}`}>{d.title || d.id}</a> ({d.source_id}, {when(d.published_at)})
              </li>
            ))}
          </ul>
        ) : (
          !original && <p class="muted">None found.</p>
        )}
      </section>
      <section aria-labelledby="text-title">
        <h2 id="text-title">Text</h2>
        <div class="text">{item.text}</div>
      </section>
    </article>
  );
}
