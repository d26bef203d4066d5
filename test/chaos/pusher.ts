// Pushes sequence-numbered items through the gateway (POST /v1/items) as an at-least-once client does:
// a batch counts as offered-and-stored only after a 200 (or a 202 whose status turns to stored); any other
// answer, a timeout or a refused connection (the gateway is down) sends the same batch again.
import { itemText } from './verifiable-source.js';

export interface PushProgress {
  /** Batches confirmed stored. */
  storedBatches: number;
  /** Requests that failed and were sent again. */
  retries: number;
  /** When the last batch was confirmed. */
  lastStoredAt: number;
}

export interface Pusher {
  progress: PushProgress;
  done: Promise<void>;
  /** Ends the pushes once the batch under way is stored. */
  stop(): void;
  /** Ends at once (cleanup after a failure). */
  abandon(): void;
}

export function startPusher(options: {
  baseUrl: () => string;
  apiKey: string;
  sourceId: string;
  items: number;
  batchSize: number;
  random: () => number;
  /** Pause between batches, so pushes span the run. */
  pauseMs: number;
}): Pusher {
  const progress: PushProgress = { storedBatches: 0, retries: 0, lastStoredAt: Date.now() };
  let stopped = false;
  let abandoned = false;
  const headers = { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function storedOnce(body: string): Promise<boolean> {
    try {
      const response = await fetch(`${options.baseUrl()}/v1/items`, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(30_000),
      });
      if (response.status === 200) return ((await response.json()) as { status: string }).status === 'stored';
      if (response.status !== 202) {
        await response.body?.cancel();
        return false;
      }
      const { status_url } = (await response.json()) as { status_url: string };
      for (let poll = 0; poll < 120 && !abandoned; poll += 1) {
        await sleep(500);
        const status = await fetch(`${options.baseUrl()}${status_url}`, {
          headers,
          signal: AbortSignal.timeout(10_000),
        });
        if (status.status !== 200) return false; // the gateway restarted and forgot the batch: push it again
        const body = (await status.json()) as { status: string };
        if (body.status === 'stored') return true;
        if (body.status === 'failed') return false;
      }
      return false;
    } catch {
      return false; // refused, reset, timed out
    }
  }

  const done = (async () => {
    for (let first = 1; first <= options.items && !stopped; first += options.batchSize) {
      const items = [];
      for (let seq = first; seq < first + options.batchSize && seq <= options.items; seq += 1) {
        items.push({ external_id: `push-${seq}`, ...itemText(seq, options.random) });
      }
      const body = JSON.stringify({ source_id: options.sourceId, items });
      // stop() ends the pushes at the next batch boundary: the batch under way is pushed until it is stored.
      while (!(await storedOnce(body))) {
        if (abandoned) return;
        progress.retries += 1;
        await sleep(500);
      }
      progress.storedBatches += 1;
      progress.lastStoredAt = Date.now();
      await sleep(options.pauseMs);
    }
  })();
  return {
    progress,
    done,
    stop: () => (stopped = true),
    abandon: () => {
      stopped = true;
      abandoned = true;
    },
  };
}
