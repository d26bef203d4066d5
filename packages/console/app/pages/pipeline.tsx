// Pipeline: every stage live (GET /v1/pipeline/events): throughput, in-flight windows, errors, the inference
// batch-size and padding histograms, GPUs when the inference service reports them, and process restarts.
import { useEffect, useState } from 'preact/hooks';
import { subscribe, type PipelineSnapshot } from '../api';
import { bytes, num } from '../format';
import { Histogram } from './histogram';

export function PipelinePage() {
  const [snapshot, setSnapshot] = useState<PipelineSnapshot | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let stop = () => {};
    let retry: ReturnType<typeof setTimeout> | undefined;
    // The stream reconnects by itself when it ends (a gateway restart, a proxy's idle timeout).
    const connect = () => {
      stop = subscribe(
        '/v1/pipeline/events',
        (event, data) => {
          if (event === 'snapshot') {
            setSnapshot(data as PipelineSnapshot);
            setError('');
          } else if (event === 'error') setError((data as { detail?: string }).detail ?? 'a reading failed');
        },
        (e) => {
          setError(`${e ?? 'the live stream ended'}; reconnecting`);
          retry = setTimeout(connect, 2000);
        },
      );
    };
    connect();
    return () => {
      clearTimeout(retry);
      stop();
    };
  }, []);
  if (!snapshot)
    return error ? (
      <p role="alert" class="error">
        {error}
      </p>
    ) : (
      <p class="muted">Connecting…</p>
    );
  const s = snapshot;
  return (
    <section aria-labelledby="pipeline-title">
      <h1 id="pipeline-title">Pipeline</h1>
      <p class="muted" aria-live="polite" data-testid="taken-at" data-taken-at={s.taken_at}>
        Live · updated {new Date(s.taken_at).toLocaleTimeString()}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <h2>Stages</h2>
      <table data-testid="stages">
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">In /s</th>
            <th scope="col">Out /s</th>
            <th scope="col">In total</th>
            <th scope="col">Out total</th>
            <th scope="col">Dead-lettered</th>
            <th scope="col">In-flight batches</th>
            <th scope="col">Unacked downstream</th>
          </tr>
        </thead>
        <tbody>
          {s.stages.map((st) => (
            <tr key={st.stage}>
              <th scope="row">{st.stage}</th>
              <td>{num(st.items_in_per_second, 1)}</td>
              <td>{num(st.items_out_per_second, 1)}</td>
              <td>{num(st.items_in_total)}</td>
              <td>{num(st.items_out_total)}</td>
              <td class={st.dead_lettered_total > 0 ? 'warn' : undefined}>{num(st.dead_lettered_total)}</td>
              <td>{num(st.in_flight_batches)}</td>
              <td>{num(st.downstream_unacked_items)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Services</h2>
      <table data-testid="services">
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">State</th>
            <th scope="col">Up for</th>
            <th scope="col">Restarts seen</th>
            <th scope="col">Memory (RSS)</th>
          </tr>
        </thead>
        <tbody>
          {s.services.map((svc) => (
            <tr key={svc.name}>
              <th scope="row">{svc.name}</th>
              <td class={svc.up ? 'ok' : 'bad'}>{svc.up ? 'up' : `down: ${svc.error ?? ''}`}</td>
              <td>{svc.uptime_seconds === null ? '—' : `${num(svc.uptime_seconds / 60, 1)} min`}</td>
              <td class={svc.restarts > 0 ? 'warn' : undefined}>{svc.restarts}</td>
              <td>{bytes(svc.rss_bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Inference</h2>
      <p>
        Queue {num(s.inference.queue_depth)} · in flight {num(s.inference.in_flight_items)} of{' '}
        {num(s.inference.in_flight_limit_items)} items
      </p>
      <div class="two">
        <Histogram title="Batch size" buckets={s.inference.batch_size.buckets} />
        <Histogram
          title="Padding ratio"
          buckets={s.inference.padding_ratio.buckets}
          format={(n) => `${Math.round(n * 100)}%`}
        />
      </div>
      <h3>GPUs</h3>
      {s.inference.gpus.length === 0 ? (
        <p class="muted">No GPU reported (the inference service runs on the CPU or cannot read nvidia-smi).</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">GPU</th>
              <th scope="col">Utilization</th>
              <th scope="col">Memory</th>
            </tr>
          </thead>
          <tbody>
            {s.inference.gpus.map((g) => (
              <tr key={g.gpu}>
                <th scope="row">{g.gpu}</th>
                <td>
                  <meter min={0} max={1} value={g.utilization_ratio} aria-label={`GPU ${g.gpu} utilization`} />{' '}
                  {Math.round(g.utilization_ratio * 100)}%
                </td>
                <td>
                  {bytes(g.memory_bytes)} of {bytes(g.memory_total_bytes)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Collector</h2>
      <p>
        Rate-limit waits {num(s.collector.rate_limit_waits_total)} ({num(s.collector.rate_limit_wait_seconds_total, 1)}{' '}
        s waited) · open breakers {num(s.collector.breakers_open)}
      </p>
      <h2>Dead letters stored</h2>
      {s.dead_letters.length === 0 ? (
        <p class="muted">None since persistence started.</p>
      ) : (
        <ul>
          {s.dead_letters.map((d) => (
            <li key={`${d.stage}/${d.reason}`}>
              {d.stage}: {d.reason} × {num(d.total)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
