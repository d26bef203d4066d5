// The verifiable source of the chaos suite (after Kafka Connect's bounce tests): every item carries a
// sequence number as its external id, so the check can read the database and say exactly which ones are
// missing or stored twice. A few deliberately bad records become dead letters with a known reason.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const WORDS = (
  'river bridge market policy engine garden winter signal harbor ledger canyon orbit violin meadow copper ' +
  'lantern archive protein tunnel glacier compass theater orchard voltage sparrow mosaic summit fabric harvest ' +
  'beacon crystal pioneer quarry timber velvet whistle zephyr anchor basalt cobalt dynamo ember falcon granite'
).split(' ');

export function itemText(seq: number, random: () => number): { title: string; content: string } {
  const words = Array.from({ length: 24 }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  return { title: `chaos item ${seq}`, content: `<p>Item ${seq}: ${words.join(' ')}.</p>` };
}

export interface BadRecord {
  line: number;
  reason: 'invalid_json' | 'invalid_item';
}

/** Writes `items` good records (external ids "seq-<n>") plus one bad record every `badEvery`; returns the bad ones. */
export async function writeVerifiableJsonl(
  file: string,
  items: number,
  badEvery: number,
  random: () => number,
): Promise<BadRecord[]> {
  const out = createWriteStream(file);
  const bad: BadRecord[] = [];
  let line = 0;
  const write = async (text: string) => {
    line += 1;
    if (!out.write(`${text}\n`)) await once(out, 'drain');
  };
  for (let seq = 1; seq <= items; seq += 1) {
    await write(JSON.stringify({ id: `seq-${seq}`, ...itemText(seq, random), content_type: 'text/html' }));
    if (seq % badEvery === 0) {
      if (bad.length % 2 === 0) {
        await write(`{"id": "broken-${seq}", "title": `); // cut off: not JSON
        bad.push({ line, reason: 'invalid_json' });
      } else {
        await write(JSON.stringify({ id: `empty-${seq}` })); // no title, summary or content
        bad.push({ line, reason: 'invalid_item' });
      }
    }
  }
  out.end();
  await once(out, 'finish');
  return bad;
}
