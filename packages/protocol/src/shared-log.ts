// A replica's handle on one shared log (shared.proto, kept by the persistence service): it remembers the last
// seq it has seen and appends only on top of it. A refused append returns every entry it had not seen (all
// pages), so the caller can fold them into its local copy, decide again and retry: that is how two replicas
// deciding at the same moment end up ordered, the second one deciding with the first one's entries.
//
//   const log = new SharedLog({ client, log: 'novelty', replica: 'scorer-1', retainEntries: 2000, timeoutMs: 2000 });
//   for (;;) {
//     const result = await log.append(payloads);
//     if (result.appended) break;
//     absorb(result.missed); // then decide again
//   }
import { call } from './clients.js';
import type { SharedStateClient } from './generated/sluice/v1/SharedState.js';

export interface SharedLogOptions {
  client: SharedStateClient;
  /** "dedup" or "novelty" (shared.proto). */
  log: string;
  /** This replica's id (stored with its entries). */
  replica: string;
  /** Entries that matter: older ones are deleted by appends and skipped by reads (0: all). */
  retainEntries: number;
  /** Deadline of each call. */
  timeoutMs: number;
  /** Entries per page of a catch-up read (default 2000). */
  pageSize?: number;
}

export type AppendOutcome = { appended: true } | { appended: false; missed: Buffer[] };

export class SharedLog {
  #lastSeq = 0;
  readonly #options: SharedLogOptions;

  constructor(options: SharedLogOptions) {
    this.#options = options;
  }

  /** The last seq this replica has seen (its own appends included). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /**
   * Appends `payloads` when no other replica appended since this one last looked; otherwise appends nothing
   * and returns the entries it missed (oldest first, only the newest `retainEntries`). Throws when the call
   * fails (persistence unreachable, deadline).
   */
  async append(payloads: readonly Buffer[]): Promise<AppendOutcome> {
    const { client, timeoutMs } = this.#options;
    const pageSize = this.#options.pageSize ?? 2000;
    const response = await call(
      client,
      'AppendSharedLog',
      {
        log: this.#options.log,
        expected_seq: this.#lastSeq,
        payloads: [...payloads],
        replica: this.#options.replica,
        retain_entries: this.#options.retainEntries,
        read_limit: pageSize,
      },
      timeoutMs,
    );
    if (response.appended) {
      this.#lastSeq = Number(response.last_seq);
      return { appended: true };
    }
    const missed = response.missed.map((entry) => Buffer.from(entry.payload));
    let after = response.missed.length > 0 ? Number(response.missed[response.missed.length - 1]!.seq) : this.#lastSeq;
    let head = Number(response.last_seq);
    let complete = response.complete;
    while (!complete) {
      const page = await call(
        client,
        'ReadSharedLog',
        { log: this.#options.log, after_seq: after, limit: pageSize, retain_entries: this.#options.retainEntries },
        timeoutMs,
      );
      for (const entry of page.entries) missed.push(Buffer.from(entry.payload));
      if (page.entries.length > 0) after = Number(page.entries[page.entries.length - 1]!.seq);
      head = Math.max(head, Number(page.last_seq));
      complete = page.complete || page.entries.length === 0;
    }
    this.#lastSeq = Math.max(head, after);
    return { appended: false, missed };
  }
}
