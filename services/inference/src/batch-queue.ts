// The per-model queue of the micro-batcher: owns pending entries and packs the next batch.
// Pure logic (no timers, no I/O) so it is unit-tested directly; the Batcher drives it.
//
// Packing: entries expired or cancelled are removed first (answered without compute). The seed of the
// next batch is the entry with the highest effective priority (priority + wait / aging, so low lanes and
// long inputs are never starved), oldest first. Length-aware: the candidate window (the first
// window_batches × max_batch_size entries by effective priority) is sorted by length and cut into runs
// that fit the limits (padded cost = longest × count ≤ max_batch_tokens, count ≤ max_batch_size); the
// run holding the seed is the batch.

export interface QueueEntry {
  /** Tokens of this input (after truncation). */
  tokens: number;
  /** 0..9, higher first. */
  priority: number;
  /** performance.now() when queued. */
  enqueuedAt: number;
  /** performance.now() after which the entry is answered DEADLINE_EXCEEDED without compute. */
  deadline: number;
  /** True when the caller went away. */
  isCancelled(): boolean;
}

export interface BatchQueueOptions {
  maxBatchSize: number;
  /** Padded cost budget: longest sequence × batch size. */
  maxBatchTokens: number;
  /** How many entries (in multiples of max_batch_size) the length-aware packing may look at. */
  windowBatches: number;
  /** Every `agingMilliseconds` of waiting raises an entry's effective priority by one lane. */
  agingMilliseconds: number;
  /** false: plain FIFO within a priority (the benchmark's baseline). */
  lengthAware: boolean;
}

export interface TakeResult<E> {
  batch: E[];
  expired: E[];
  cancelled: E[];
  /** longest × count of the batch. */
  paddedTokens: number;
  /** Sum of real tokens of the batch. */
  realTokens: number;
}

export class BatchQueue<E extends QueueEntry> {
  #entries: E[] = [];
  #tokens = 0;

  constructor(private options: BatchQueueOptions) {}

  get size(): number {
    return this.#entries.length;
  }

  get pendingTokens(): number {
    return this.#tokens;
  }

  setBudget(maxBatchTokens: number): void {
    this.options = { ...this.options, maxBatchTokens };
  }

  get maxBatchTokens(): number {
    return this.options.maxBatchTokens;
  }

  push(entry: E): void {
    this.#entries.push(entry);
    this.#tokens += entry.tokens;
  }

  /** Removes and returns every queued entry (a reloaded model's new queue takes them over). */
  takeAll(): E[] {
    const all = this.#entries;
    this.#entries = [];
    this.#tokens = 0;
    return all;
  }

  /** Put entries back at the front (a batch that failed with out-of-memory is retried, nothing lost). */
  requeue(entries: E[]): void {
    this.#entries.unshift(...entries);
    for (const e of entries) this.#tokens += e.tokens;
  }

  oldestEnqueuedAt(): number | undefined {
    let oldest: number | undefined;
    for (const e of this.#entries) if (oldest === undefined || e.enqueuedAt < oldest) oldest = e.enqueuedAt;
    return oldest;
  }

  /** Earliest deadline among queued entries (to wake up and expire them). */
  earliestDeadline(): number {
    let earliest = Infinity;
    for (const e of this.#entries) earliest = Math.min(earliest, e.deadline);
    return earliest;
  }

  /** Padded tokens of a batch taken now, roughly (longest queued input × inputs up to max_batch_size). */
  paddedTokensEstimate(): number {
    let longest = 0;
    for (const e of this.#entries) longest = Math.max(longest, e.tokens);
    return longest * Math.min(this.#entries.length, this.options.maxBatchSize);
  }

  /** Whether the queue holds enough for a full batch (by count or by padded tokens). */
  canFillBatch(): boolean {
    if (this.#entries.length >= this.options.maxBatchSize) return true;
    let longest = 0;
    for (const e of this.#entries) longest = Math.max(longest, e.tokens);
    return longest * this.#entries.length >= this.options.maxBatchTokens;
  }

  #effectivePriority(entry: E, now: number): number {
    return entry.priority + Math.floor((now - entry.enqueuedAt) / this.options.agingMilliseconds);
  }

  take(now: number): TakeResult<E> {
    const expired: E[] = [];
    const cancelled: E[] = [];
    const live: E[] = [];
    for (const e of this.#entries) {
      if (e.isCancelled()) cancelled.push(e);
      else if (e.deadline <= now) expired.push(e);
      else live.push(e);
    }
    const result: TakeResult<E> = { batch: [], expired, cancelled, paddedTokens: 0, realTokens: 0 };
    if (live.length === 0) {
      this.#entries = [];
      this.#tokens = 0;
      return result;
    }
    const { maxBatchSize, maxBatchTokens } = this.options;
    // Order by effective priority (aging), then arrival.
    const ranked = live
      .map((entry, index) => ({ entry, index, rank: this.#effectivePriority(entry, now) }))
      .sort((a, b) => b.rank - a.rank || a.entry.enqueuedAt - b.entry.enqueuedAt || a.index - b.index);
    let chosen: E[];
    if (!this.options.lengthAware) {
      chosen = [];
      let longest = 0;
      for (const { entry } of ranked) {
        const nextLongest = Math.max(longest, entry.tokens);
        if (chosen.length > 0 && (chosen.length >= maxBatchSize || nextLongest * (chosen.length + 1) > maxBatchTokens))
          break;
        chosen.push(entry);
        longest = nextLongest;
      }
    } else {
      // Sort the window by length and cut it, from the shortest up, into consecutive runs that fit the
      // batch limits; serve the run holding the seed. Runs of neighbours in length order pad least, and
      // cutting from the bottom keeps the cuts stable from one take to the next.
      const window = ranked.slice(0, Math.max(1, this.options.windowBatches) * maxBatchSize).map((r) => r.entry);
      const seed = window[0]!;
      const byLength = [...window].sort((a, b) => a.tokens - b.tokens || a.enqueuedAt - b.enqueuedAt);
      let start = 0;
      chosen = [];
      for (let i = 0; i < byLength.length; i++) {
        const count = i - start + 1;
        if (count > maxBatchSize || byLength[i]!.tokens * count > maxBatchTokens) {
          if (chosen.length > 0) break;
          start = i;
        }
        if (byLength[i] === seed) chosen = byLength.slice(start, i + 1);
        else if (chosen.length > 0) chosen.push(byLength[i]!);
      }
    }
    const taken = new Set(chosen);
    this.#entries = live.filter((e) => !taken.has(e));
    this.#tokens = this.#entries.reduce((sum, e) => sum + e.tokens, 0);
    let longest = 0;
    for (const e of chosen) {
      longest = Math.max(longest, e.tokens);
      result.realTokens += e.tokens;
    }
    result.batch = chosen;
    result.paddedTokens = longest * chosen.length;
    return result;
  }
}
