// Items: stored items, newest first, with filters (source, label, sentiment, language, score range, time) and a
// semantic search box (GET /v1/search); each row links to the item page.
import { useEffect, useState } from 'preact/hooks';
import { api, must, type Item } from '../api';
import { when } from '../format';
import { Labels, ScoreBar } from './score-bar';

interface Filters {
  source: string;
  label: string;
  sentiment: '' | 'positive' | 'negative' | 'neutral';
  language: string;
  min_score: string;
  max_score: string;
  since: string;
  until: string;
  sort: 'collected' | 'published' | 'score';
}

const EMPTY: Filters = {
  source: '',
  label: '',
  sentiment: '',
  language: '',
  min_score: '',
  max_score: '',
  since: '',
  until: '',
  sort: 'collected',
};
const FIELDS = 'id,title,source_id,published_at,collected_at,language,sentiment,topics,classifications,score,url';
const PAGE = 25;

function query(f: Filters) {
  const time = (v: string) => (v ? new Date(v).toISOString() : undefined);
  return {
    source: f.source ? [f.source] : undefined,
    label: f.label || undefined,
    sentiment: f.sentiment || undefined,
    language: f.language || undefined,
    min_score: f.min_score === '' ? undefined : Number(f.min_score),
    max_score: f.max_score === '' ? undefined : Number(f.max_score),
    since: time(f.since),
    until: time(f.until),
  };
}

export function ItemsPage() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [search, setSearch] = useState('');
  const [activeSearch, setActiveSearch] = useState('');
  const [items, setItems] = useState<Item[] | null>(null);
  // Search hits: the similarity and, for a long item, its best-matching passage.
  const [similarity, setSimilarity] = useState<Map<string, { value: number; passage?: string }>>(new Map());
  const [cursors, setCursors] = useState<string[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [sources, setSources] = useState<string[]>([]);

  const loaded = items !== null;
  useEffect(() => {
    // Suggestions: configured sources and every source that has collected (pushed items name their own). They
    // wait for the first page of items, which they would otherwise slow down (same gateway, same moment).
    if (!loaded) return;
    Promise.all([api.GET('/v1/sources'), api.GET('/v1/source-health')]).then(([defined, states]) =>
      setSources(
        [...new Set([...(defined.data?.sources ?? []), ...(states.data?.sources ?? [])].map((s) => s.id))].sort(),
      ),
    );
  }, [loaded]);

  useEffect(() => {
    let stale = false;
    setError('');
    const load = async () => {
      if (activeSearch) {
        const data = must(
          await api.GET('/v1/search', {
            params: { query: { q: activeSearch, limit: PAGE, fields: FIELDS, ...query(filters) } },
          }),
        );
        if (stale) return;
        setItems(data.hits.map((h) => h.item));
        setSimilarity(
          new Map(data.hits.map((h) => [h.item.id ?? '', { value: h.similarity, passage: h.passage?.text }])),
        );
        setNext(null);
        return;
      }
      const cursor = cursors[cursors.length - 1];
      const data = must(
        await api.GET('/v1/items', {
          params: { query: { ...query(filters), sort: filters.sort, limit: PAGE, fields: FIELDS, cursor } },
        }),
      );
      if (stale) return;
      setItems(data.items);
      setSimilarity(new Map());
      setNext(data.next_cursor);
    };
    load().catch((e: Error) => !stale && setError(e.message));
    return () => {
      stale = true;
    };
  }, [filters, activeSearch, cursors]);

  const set = (key: keyof Filters) => (e: Event) =>
    setDraft({ ...draft, [key]: (e.target as HTMLInputElement | HTMLSelectElement).value });
  const apply = (e: Event) => {
    e.preventDefault();
    setCursors([]);
    setFilters(draft);
  };
  const reset = () => {
    setDraft(EMPTY);
    setCursors([]);
    setFilters(EMPTY);
  };
  const runSearch = (e: Event) => {
    e.preventDefault();
    setCursors([]);
    setActiveSearch(search.trim());
  };

  return (
    <section aria-labelledby="items-title">
      <h1 id="items-title">Items</h1>
      <form class="search" role="search" onSubmit={runSearch}>
        <label for="q">Semantic search</label>
        <input
          id="q"
          type="search"
          placeholder="e.g. taxes on imported goods"
          value={search}
          onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
        />
        <button type="submit">Search</button>
        {activeSearch && (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setSearch('');
              setActiveSearch('');
            }}
          >
            Clear search
          </button>
        )}
      </form>
      <form class="filters" onSubmit={apply} aria-label="Filters">
        <div>
          <label for="f-source">Source</label>
          <input id="f-source" list="source-ids" value={draft.source} onInput={set('source')} placeholder="any" />
          <datalist id="source-ids">
            {sources.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
        <div>
          <label for="f-label">Label</label>
          <input id="f-label" value={draft.label} onInput={set('label')} placeholder="topic or label" />
        </div>
        <div>
          <label for="f-sentiment">Sentiment</label>
          <select id="f-sentiment" value={draft.sentiment} onChange={set('sentiment')}>
            <option value="">any</option>
            <option value="positive">positive</option>
            <option value="neutral">neutral</option>
            <option value="negative">negative</option>
          </select>
        </div>
        <div>
          <label for="f-language">Language</label>
          <input
            id="f-language"
            value={draft.language}
            onInput={set('language')}
            placeholder="en"
            size={4}
            pattern="[a-z]{2,3}"
          />
        </div>
        <div>
          <label for="f-min">Score from</label>
          <input
            id="f-min"
            type="number"
            min="0"
            max="1"
            step="any"
            value={draft.min_score}
            onInput={set('min_score')}
          />
        </div>
        <div>
          <label for="f-max">Score to</label>
          <input
            id="f-max"
            type="number"
            min="0"
            max="1"
            step="any"
            value={draft.max_score}
            onInput={set('max_score')}
          />
        </div>
        <div>
          <label for="f-since">Collected since</label>
          <input id="f-since" type="datetime-local" value={draft.since} onInput={set('since')} />
        </div>
        <div>
          <label for="f-until">Collected before</label>
          <input id="f-until" type="datetime-local" value={draft.until} onInput={set('until')} />
        </div>
        <div>
          <label for="f-sort">Sort</label>
          <select id="f-sort" value={draft.sort} onChange={set('sort')}>
            <option value="collected">newest collected</option>
            <option value="published">newest published</option>
            <option value="score">highest score</option>
          </select>
        </div>
        <div class="actions">
          <button type="submit">Apply filters</button>
          <button type="button" class="secondary" onClick={reset}>
            Reset
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {items === null ? (
        <p class="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p class="muted" data-testid="items-empty">
          No items match.
        </p>
      ) : (
        <table
          class="items"
          aria-label={activeSearch ? `Search results for ${activeSearch}` : 'Items'}
          aria-live="polite"
        >
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Source</th>
              <th scope="col">Published</th>
              <th scope="col">Labels</th>
              <th scope="col">{activeSearch ? 'Similarity / score' : 'Score'}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={`#/items/${item.id}`}>{item.title || '(untitled)'}</a>
                  {similarity.get(item.id ?? '')?.passage && (
                    <p class="passage">{similarity.get(item.id ?? '')!.passage!.slice(0, 300)}…</p>
                  )}
                </td>
                <td>{item.source_id}</td>
                <td>{when(item.published_at)}</td>
                <td>
                  <Labels item={item} />
                </td>
                <td>
                  {similarity.has(item.id ?? '') && (
                    <span class="similarity">{similarity.get(item.id ?? '')!.value.toFixed(2)} · </span>
                  )}
                  <ScoreBar score={item.score} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!activeSearch && (
        <nav class="pager" aria-label="Pages of items">
          <button
            type="button"
            class="secondary"
            disabled={cursors.length === 0}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            Previous page
          </button>
          <button
            type="button"
            class="secondary"
            disabled={!next}
            onClick={() => next && setCursors([...cursors, next])}
          >
            Next page
          </button>
        </nav>
      )}
    </section>
  );
}
