// A histogram (counts per bucket) as horizontal bars, with the numbers in a table for screen readers.
interface Bucket {
  le: number | null;
  count: number;
}

export function Histogram({
  title,
  buckets,
  format,
}: {
  title: string;
  buckets: Bucket[];
  format?: (n: number) => string;
}) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const total = buckets.reduce((s, b) => s + b.count, 0);
  const show = (n: number | null) => (n === null ? '+Inf' : format ? format(n) : String(n));
  return (
    <figure class="histogram">
      <figcaption>
        {title} ({total} observed)
      </figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col">≤</th>
            <th scope="col">count</th>
            <th scope="col" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {buckets.map((b) => (
            <tr key={String(b.le)}>
              <th scope="row">{show(b.le)}</th>
              <td>{b.count}</td>
              <td class="hbar-cell" aria-hidden="true">
                <span class="hbar" style={{ width: `${(b.count / max) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
