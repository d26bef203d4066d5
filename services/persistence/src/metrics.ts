// Persistence metrics: rows written, transaction size and latency, dead letters by reason, pool usage, reads.
import { Counter, Gauge, Histogram, LATENCY_BUCKETS_SECONDS, SIZE_BUCKETS, type Registry } from '@sluice/service-kit';
import type pg from 'pg';

export class PersistenceMetrics {
  readonly items: Counter<'outcome'>;
  readonly rows: Counter<'table'>;
  readonly transactionItems: Histogram;
  readonly transactionSeconds: Histogram<'outcome'>;
  readonly deadLetters: Counter<'stage' | 'reason'>;
  readonly writeRetries: Counter<'kind'>;
  readonly isolations: Counter;
  readonly querySeconds: Histogram<'rpc'>;
  readonly queryErrors: Counter<'rpc'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.items = new Counter({
      name: 'sluice_persistence_items_total',
      help: 'Items written, by outcome (inserted, updated, unchanged)',
      labelNames: ['outcome'],
      registers,
    });
    this.rows = new Counter({
      name: 'sluice_persistence_rows_written_total',
      help: 'Rows inserted or updated, by table',
      labelNames: ['table'],
      registers,
    });
    this.transactionItems = new Histogram({
      name: 'sluice_persistence_transaction_items',
      help: 'Items (including dead letters) per write transaction',
      buckets: SIZE_BUCKETS,
      registers,
    });
    this.transactionSeconds = new Histogram({
      name: 'sluice_persistence_transaction_seconds',
      help: 'Duration of write transactions, by outcome (commit, rollback)',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.deadLetters = new Counter({
      name: 'sluice_persistence_dead_letters_total',
      help: 'Dead letters stored, by the stage that rejected the item and the reason code',
      labelNames: ['stage', 'reason'],
      registers,
    });
    this.writeRetries = new Counter({
      name: 'sluice_persistence_write_retries_total',
      help: 'Write transactions retried after a transient error (connection, deadlock, timeout)',
      labelNames: ['kind'],
      registers,
    });
    this.isolations = new Counter({
      name: 'sluice_persistence_poison_isolations_total',
      help: 'Write groups split to isolate items the database rejected',
      registers,
    });
    this.querySeconds = new Histogram({
      name: 'sluice_persistence_query_seconds',
      help: 'Duration of read and state RPCs',
      labelNames: ['rpc'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.queryErrors = new Counter({
      name: 'sluice_persistence_query_errors_total',
      help: 'Read and state RPCs that failed',
      labelNames: ['rpc'],
      registers,
    });
  }

  /** Pool gauges read on scrape (server only). */
  observePool(registry: Registry, pool: pg.Pool, max: number): void {
    new Gauge({
      name: 'sluice_persistence_pool_connections',
      help: 'Connections of the PostgreSQL pool by state (total, idle, waiting = queued requests, max)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
        this.set({ state: 'max' }, max);
      },
    });
  }
}
