// pnpm bench e2e: 10,000 feed items end to end through all six services into PostgreSQL.
// Feeds are served from 127.0.0.1 (100 feeds × 100 items); every service is a separate process.
import { createTestDatabase, runSources, startStack } from '@sluice/stack';
import { startFeedServer } from '../test/support/feed-server.js';
import { trackServicesPeakRss, type Metrics } from './lib.js';

export async function run({ smoke }: { smoke: boolean }): Promise<Metrics> {
  const feeds = smoke ? 2 : 100;
  const perFeed = smoke ? 50 : 100;
  const total = feeds * perFeed;
  const server = await startFeedServer(perFeed);
  const db = await createTestDatabase('sluice_bench_e2e');
  const sources = Array.from({ length: feeds }, (_, f) => ({
    id: `bench-feed-${f}`,
    kind: 'feed',
    url: `${server.url}/feeds/${f}.xml`,
    allow_private_network: true,
    rate_limit_per_minute: 600,
    interval_seconds: 3600,
  }));
  const stack = await startStack({
    env: { DATABASE_URL: db.url, SLUICE_API_KEY: 'bench-key', SLUICE__COLLECTOR__SOURCES: JSON.stringify(sources), LOG_LEVEL: 'warn', SLUICE__LOG__LEVEL: 'warn' },
  });
  const rss = trackServicesPeakRss(Object.fromEntries(['collector', 'transformer', 'inference', 'scorer', 'persistence', 'gateway'].map((s) => [s, `${stack.opsUrl(s as 'collector')}/metrics`])));
  try {
    const started = performance.now();
    const final = await runSources({ collectorAddress: stack.addresses.collector!.grpcAddress });
    const seconds = (performance.now() - started) / 1000;
    const peaks = await rss.stop();
    if (final.acknowledged < total) throw new Error(`only ${final.acknowledged} of ${total} items were acknowledged`);
    return {
      items: total,
      seconds,
      items_per_second: total / seconds,
      peak_rss_megabytes: Math.max(...Object.values(peaks)),
      ...Object.fromEntries(Object.entries(peaks).map(([name, mb]) => [`rss_megabytes_${name}`, mb])),
      dead_lettered: final.dead_lettered,
    };
  } finally {
    await stack.stop();
    await server.close();
    await db.drop();
  }
}
