// A score's components as one bar: each segment is a component's weighted contribution (weight × value).
import type { Item } from '../api';

const COLORS = ['#1f5fa8', '#b3541e', '#2e7d32', '#7b3fa0', '#8a6d00', '#006d77', '#a8325e', '#4a4a4a'];

export type Score = NonNullable<Item['score']>;

export function ScoreBar({ score, wide = false }: { score: Score | null | undefined; wide?: boolean }) {
  if (!score) return <span class="muted">—</span>;
  const parts = score.components.map((c, i) => ({ ...c, share: c.weight * c.value, color: COLORS[i % COLORS.length] }));
  const total = parts.reduce((s, p) => s + Math.max(0, p.share), 0);
  const label = `score ${score.value.toFixed(2)}: ${parts
    .map((p) => `${p.name} ${p.value.toFixed(2)} × ${p.weight.toFixed(2)}`)
    .join(', ')}`;
  return (
    <span class={wide ? 'score wide' : 'score'}>
      <span class="score-value">{score.value.toFixed(2)}</span>
      <span class="bar" role="img" aria-label={label} title={label}>
        {total > 0 &&
          parts.map((p) => (
            <span
              key={p.name}
              class="segment"
              style={{
                width: `${((Math.max(0, p.share) / total) * score.value * 100).toFixed(1)}%`,
                background: p.color,
              }}
            />
          ))}
      </span>
    </span>
  );
}

export function ScoreLegend({ score }: { score: Score }) {
  return (
    <table class="compact">
      <caption>
        Score {score.value.toFixed(3)} (formula {score.formula_version})
      </caption>
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col">Value</th>
          <th scope="col">Weight</th>
          <th scope="col">Contribution</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {score.components.map((c, i) => (
          <tr key={c.name}>
            <th scope="row">
              <span class="swatch" style={{ background: COLORS[i % COLORS.length] }} aria-hidden="true" /> {c.name}
            </th>
            <td>{c.value.toFixed(3)}</td>
            <td>{c.weight.toFixed(3)}</td>
            <td>{(c.value * c.weight).toFixed(3)}</td>
            <td>{c.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Labels worth a glance: sentiment, topics, and the top label of every other classification (spam, ...). */
export function Labels({ item }: { item: Item }) {
  const labels: string[] = [];
  if (item.sentiment) labels.push(item.sentiment);
  for (const t of item.topics ?? []) labels.push(t);
  for (const c of item.classifications ?? []) {
    if (c.task === 'sentiment' || c.task === 'topics' || c.task === 'topic') continue;
    const top = [...c.labels].sort((a, b) => b.score - a.score)[0];
    if (top) labels.push(`${c.task}: ${top.name}`);
  }
  return (
    <ul class="chips" aria-label="Labels">
      {labels.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}
