// Dead letters: the list with stage and reason (filters), one dead letter's payload, replay or discard (admin).
import { useEffect, useState } from 'preact/hooks';
import { api, must, type GetOk } from '../api';
import { when } from '../format';
import type { Session } from '../main';

const STAGES = ['collector', 'transformer', 'inference', 'scorer', 'persistence'] as const;
type Stage = (typeof STAGES)[number];
type DeadLetter = GetOk<'/v1/dead-letters'>['dead_letters'][number];

export function DeadLettersPage({ session }: { session: Session }) {
  const [stage, setStage] = useState<'' | Stage>('');
  const [reason, setReason] = useState('');
  const [rows, setRows] = useState<DeadLetter[] | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [reload, setReload] = useState(0);
  const isAdmin = session.scopes.includes('admin');

  useEffect(() => {
    api
      .GET('/v1/dead-letters', {
        params: { query: { stage: stage || undefined, reason: reason ? [reason] : undefined, limit: 50 } },
      })
      .then((r) => setRows(must(r).dead_letters))
      .catch((e: Error) => setError(e.message));
  }, [stage, reason, reload]);

  const replay = async (id: number) => {
    setError('');
    try {
      const result = must(await api.POST('/v1/dead-letters/replay', { body: { ids: [id] } }));
      const r = result.results[0];
      setMessage(`Dead letter ${id} replayed: ${r?.outcome ?? 'unknown'}`);
      setReload(reload + 1);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const discard = async (id: number) => {
    if (!confirm(`Discard dead letter ${id}?`)) return;
    setError('');
    try {
      const r = await api.DELETE('/v1/dead-letters/{id}', { params: { path: { id } } });
      if (r.error) throw new Error(String(r.error.detail ?? r.error.code));
      setMessage(`Dead letter ${id} discarded`);
      setReload(reload + 1);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="dl-title">
      <h1 id="dl-title">Dead letters</h1>
      <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label for="dl-stage">Stage</label>
          <select
            id="dl-stage"
            value={stage}
            onChange={(e) => setStage((e.target as HTMLSelectElement).value as Stage)}
          >
            <option value="">any</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="dl-reason">Reason code</label>
          <input
            id="dl-reason"
            value={reason}
            pattern="[a-z0-9_]{1,64}"
            onChange={(e) => setReason((e.target as HTMLInputElement).value)}
            placeholder="write_failed"
          />
        </div>
      </form>
      <p role="status" aria-live="polite">
        {message}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {rows === null ? (
        <p class="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p class="muted">No dead letters.</p>
      ) : (
        <table data-testid="dead-letters">
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Stage</th>
              <th scope="col">Reason</th>
              <th scope="col">Detail</th>
              <th scope="col">Source</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last failed</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id} data-dead-letter={d.id}>
                <th scope="row">
                  <a href={`#/dead-letters/${d.id}`}>{d.id}</a>
                </th>
                <td>{d.stage}</td>
                <td>
                  <code>{d.reason}</code>
                </td>
                <td>{d.detail.slice(0, 120)}</td>
                <td>{d.source_id}</td>
                <td>{d.attempts}</td>
                <td>{when(d.last_seen_at)}</td>
                <td class="actions">
                  <a href={`#/dead-letters/${d.id}`}>Inspect</a>
                  {isAdmin && (
                    <>
                      <button
                        type="button"
                        class="secondary"
                        onClick={() => replay(d.id)}
                        aria-label={`Replay dead letter ${d.id}`}
                      >
                        Replay
                      </button>
                      <button
                        type="button"
                        class="danger"
                        onClick={() => discard(d.id)}
                        aria-label={`Discard dead letter ${d.id}`}
                      >
                        Discard
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function DeadLetterPage({ id, session }: { id: number; session: Session }) {
  type Full = GetOk<'/v1/dead-letters/{id}'>;
  const [row, setRow] = useState<Full | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    api
      .GET('/v1/dead-letters/{id}', { params: { path: { id } } })
      .then((r) => setRow(must(r)))
      .catch((e: Error) => setError(e.message));
  }, [id]);
  const replay = async () => {
    try {
      const result = must(await api.POST('/v1/dead-letters/replay', { body: { ids: [id] } }));
      setMessage(`Replayed: ${result.results[0]?.outcome ?? 'unknown'}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (error)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (!row) return <p class="muted">Loading…</p>;
  return (
    <article aria-labelledby="dl-one-title">
      <p>
        <a href="#/dead-letters">← Dead letters</a>
      </p>
      <h1 id="dl-one-title">Dead letter {row.id}</h1>
      <dl class="facts">
        <dt>Stage</dt>
        <dd>{row.stage}</dd>
        <dt>Reason</dt>
        <dd>
          <code>{row.reason}</code>
        </dd>
        <dt>Detail</dt>
        <dd>{row.detail}</dd>
        <dt>Item</dt>
        <dd>
          <code>{row.item_id}</code> from {row.source_id}
        </dd>
        <dt>Attempts</dt>
        <dd>
          {row.attempts} ({row.replays} replays)
        </dd>
        <dt>First / last failed</dt>
        <dd>
          {when(row.first_seen_at)} / {when(row.last_seen_at)}
        </dd>
      </dl>
      {session.scopes.includes('admin') && (
        <button type="button" onClick={replay}>
          Replay
        </button>
      )}
      <p role="status" aria-live="polite">
        {message}
      </p>
      <h2>Payload</h2>
      <pre class="payload" tabIndex={0} aria-label="Payload (JSON)">
        {JSON.stringify(row.payload, null, 2)}
      </pre>
    </article>
  );
}
