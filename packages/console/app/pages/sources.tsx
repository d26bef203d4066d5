// Sources: each source's definition and health (last success, consecutive errors, breaker, next fetch), the
// collector's rate-limit waits; "Collect now" (write scope) and enable/disable (admin; sources managed through
// the API — those from config/sluice.yaml are changed there).
import { useEffect, useState } from 'preact/hooks';
import { api, must, type GetOk } from '../api';
import { ago, num } from '../format';
import type { Session } from '../main';

type Source = GetOk<'/v1/sources'>['sources'][number];
type Health = GetOk<'/v1/source-health'>['sources'][number];

export function SourcesPage({ session }: { session: Session }) {
  const [sources, setSources] = useState<Source[] | null>(null);
  const [health, setHealth] = useState<Map<string, Health>>(new Map());
  const [waits, setWaits] = useState<{ count: number; seconds: number } | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [reload, setReload] = useState(0);
  const canWrite = session.scopes.includes('write');
  const isAdmin = session.scopes.includes('admin');

  useEffect(() => {
    (async () => {
      const [list, states] = await Promise.all([api.GET('/v1/sources'), api.GET('/v1/source-health')]);
      setSources(must(list).sources);
      setHealth(new Map(must(states).sources.map((h) => [h.id, h])));
      const pipeline = await api.GET('/v1/pipeline');
      if (pipeline.data)
        setWaits({
          count: pipeline.data.collector.rate_limit_waits_total,
          seconds: pipeline.data.collector.rate_limit_wait_seconds_total,
        });
    })().catch((e: Error) => setError(e.message));
  }, [reload]);

  const collect = async (id: string) => {
    setError('');
    try {
      const job = must(await api.POST('/v1/sources/{id}/run', { params: { path: { id } } }));
      setMessage(`Collecting ${id}: job ${job.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const toggle = async (s: Source) => {
    setError('');
    try {
      must(
        await api.PUT('/v1/sources/{id}', {
          params: { path: { id: s.id } },
          body: {
            kind: s.kind,
            config: (s.config ?? {}) as Record<string, unknown>,
            enabled: !s.enabled,
            priority: s.priority,
            interval_seconds: s.interval_seconds,
          },
        }),
      );
      setMessage(`${s.id} ${s.enabled ? 'disabled' : 'enabled'}`);
      setReload(reload + 1);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="sources-title">
      <h1 id="sources-title">Sources</h1>
      {waits && (
        <p>
          Collector rate-limit waits: {num(waits.count)} ({num(waits.seconds, 1)} s waited in all)
        </p>
      )}
      <p role="status" aria-live="polite">
        {message}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {sources === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <table data-testid="sources">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Kind</th>
              <th scope="col">State</th>
              <th scope="col">Last success</th>
              <th scope="col">Errors in a row</th>
              <th scope="col">Breaker</th>
              <th scope="col">Next fetch</th>
              <th scope="col">Items</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => {
              const h = health.get(s.id);
              return (
                <tr key={s.id} data-source={s.id}>
                  <th scope="row">
                    {s.id}
                    <span class="muted"> ({s.origin})</span>
                  </th>
                  <td>{s.kind}</td>
                  <td class={s.enabled ? 'ok' : 'muted'}>{s.enabled ? 'enabled' : 'disabled'}</td>
                  <td>{ago(h?.last_success_at)}</td>
                  <td class={(h?.consecutive_errors ?? 0) > 0 ? 'warn' : undefined} title={h?.last_error || undefined}>
                    {h?.consecutive_errors ?? 0}
                    {h?.last_error ? ` (${h.last_error.slice(0, 60)})` : ''}
                  </td>
                  <td class={h?.breaker_state === 'open' ? 'bad' : undefined}>{h?.breaker_state || 'closed'}</td>
                  <td>{h?.next_fetch_at ? ago(h.next_fetch_at) : '—'}</td>
                  <td>{num(h?.items_total ?? 0)}</td>
                  <td class="actions">
                    {canWrite && (
                      <button
                        type="button"
                        class="secondary"
                        onClick={() => collect(s.id)}
                        aria-label={`Collect now: ${s.id}`}
                      >
                        Collect now
                      </button>
                    )}
                    {isAdmin && s.origin === 'api' && (
                      <button
                        type="button"
                        class="secondary"
                        onClick={() => toggle(s)}
                        aria-label={`${s.enabled ? 'Disable' : 'Enable'} ${s.id}`}
                      >
                        {s.enabled ? 'Disable' : 'Enable'}
                      </button>
                    )}
                    {isAdmin && s.origin === 'config' && <span class="muted">set in config/sluice.yaml</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
