// Jobs: running and past jobs with live progress bars (GET /v1/jobs/{id}/events for the running ones); start an
// import by uploading a JSONL file, or a collection run (write scope).
import { useEffect, useState } from 'preact/hooks';
import { api, must, subscribe, type Job } from '../api';
import { when } from '../format';
import type { Session } from '../main';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Done and total of a job's counts: imports by bytes read, collects by sources done. */
export function progressOf(job: Job): { done: number; total: number } | null {
  const c = job.counts;
  if (job.kind === 'import' && (c.bytes_total ?? 0) > 0) return { done: c.bytes_read ?? 0, total: c.bytes_total! };
  if (job.kind === 'collect' && (c.expected ?? 0) > 0) return { done: c.stored ?? 0, total: c.expected! };
  if (job.kind === 'collect' && (c.sources_total ?? 0) > 0)
    return { done: c.sources_done ?? 0, total: c.sources_total! };
  return null;
}

function JobRow({ job }: { job: Job }) {
  const p = progressOf(job);
  const finished = job.status === 'succeeded';
  const value = finished ? 1 : p ? p.done / Math.max(1, p.total) : undefined;
  const c = job.counts;
  return (
    <tr data-job={job.id} data-status={job.status}>
      <th scope="row">
        <code>{job.id.slice(0, 8)}</code>
      </th>
      <td>{job.kind}</td>
      <td class={job.status === 'failed' ? 'bad' : job.status === 'succeeded' ? 'ok' : undefined}>{job.status}</td>
      <td>
        <progress max={1} value={value} aria-label={`Job ${job.id.slice(0, 8)} progress`} data-testid="job-progress" />{' '}
        {value === undefined ? '' : `${Math.round(value * 100)}%`}
      </td>
      <td>
        {c.stored ?? 0} stored{c.invalid ? `, ${c.invalid} invalid` : ''}
        {c.dead_lettered ? `, ${c.dead_lettered} dead-lettered` : ''}
      </td>
      <td>{when(job.created_at)}</td>
      <td>{job.errors[0] ? `${job.errors[0].subject}: ${job.errors[0].message}` : job.message}</td>
    </tr>
  );
}

export function JobsPage({ session }: { session: Session }) {
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sourceId, setSourceId] = useState('upload');
  const [reload, setReload] = useState(0);
  const canWrite = session.scopes.includes('write');

  useEffect(() => {
    api.GET('/v1/jobs', { params: { query: { limit: 30 } } }).then(
      (r) => {
        try {
          setJobs(must(r).jobs);
        } catch (e) {
          setError((e as Error).message);
        }
      },
      (e: Error) => setError(e.message),
    );
  }, [reload]);

  // Live updates for the jobs that are still running.
  const running = (jobs ?? []).filter((j) => !TERMINAL.has(j.status)).map((j) => j.id);
  const runningKey = running.join(',');
  useEffect(() => {
    const stops = running.map((id) =>
      subscribe(`/v1/jobs/${id}/events`, (_event, data) => {
        const job = data as Job;
        setJobs((list) => (list ?? []).map((j) => (j.id === job.id ? job : j)));
      }),
    );
    return () => stops.forEach((stop) => stop());
  }, [runningKey]);

  const started = (job: Job) => {
    setMessage(`Started ${job.kind} job ${job.id}`);
    setJobs((list) => [job, ...(list ?? []).filter((j) => j.id !== job.id)]);
  };
  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setError('');
    try {
      const job = must(
        await api.POST('/v1/jobs/import', {
          params: { query: { source_id: sourceId || undefined } },
          body: file as never,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'content-type': 'application/x-ndjson' },
        }),
      );
      started(job);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const collect = async () => {
    setError('');
    try {
      started(must(await api.POST('/v1/jobs', { body: { kind: 'collect', source_ids: [] } })));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section aria-labelledby="jobs-title">
      <h1 id="jobs-title">Jobs</h1>
      {canWrite && (
        <div class="two">
          <form class="card" onSubmit={upload} aria-labelledby="import-title">
            <h2 id="import-title">Import a JSONL file</h2>
            <label for="import-file">File (one item per line, shaped like a POST /v1/items item)</label>
            <input
              id="import-file"
              type="file"
              accept=".jsonl,.ndjson,application/x-ndjson"
              required
              onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
            />
            <label for="import-source">Source id</label>
            <input
              id="import-source"
              value={sourceId}
              onInput={(e) => setSourceId((e.target as HTMLInputElement).value)}
            />
            <button type="submit" disabled={!file}>
              Upload and import
            </button>
          </form>
          <div class="card">
            <h2>Collection run</h2>
            <p>Collect every enabled source now.</p>
            <button type="button" onClick={collect}>
              Collect all sources
            </button>
          </div>
        </div>
      )}
      <p role="status" aria-live="polite">
        {message}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <h2>
        Recent jobs{' '}
        <button type="button" class="secondary" onClick={() => setReload(reload + 1)}>
          Refresh
        </button>
      </h2>
      {jobs === null ? (
        <p class="muted">Loading…</p>
      ) : jobs.length === 0 ? (
        <p class="muted">No jobs yet.</p>
      ) : (
        <table data-testid="jobs">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Counts</th>
              <th scope="col">Created</th>
              <th scope="col">Last error or message</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <JobRow key={j.id} job={j} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
