// Where source state, leases and source errors live. The collector talks to this small interface; the real
// implementation is the persistence service's gRPC API, and an in-memory one serves unit tests and
// `state_store: memory` (single replica, nothing survives a restart).
import {
  call,
  connect,
  type PersistenceClient,
  type RequestOf,
  type ResponseOf,
  type SourceError,
  type UnaryMethodName,
} from '@sluice/protocol';

/** SourceState with plain numbers (the decoded form). */
export interface SourceStateRecord {
  source_id: string;
  cursor_json: string;
  etag: string;
  last_modified: string;
  last_success_ms: number;
  consecutive_errors: number;
  next_fetch_ms: number;
  breaker_state: string;
  last_error: string;
  items_total: number;
}

export function emptyState(sourceId: string): SourceStateRecord {
  return {
    source_id: sourceId,
    cursor_json: '',
    etag: '',
    last_modified: '',
    last_success_ms: 0,
    consecutive_errors: 0,
    next_fetch_ms: 0,
    breaker_state: '',
    last_error: '',
    items_total: 0,
  };
}

export interface SourceErrorRecord {
  source_id: string;
  code: string;
  message: string;
  occurred_at_ms: number;
  http_status: number;
  url: string;
}

export interface Lease {
  sourceIds: string[];
  expiresAtMs: number;
}

export interface SourceStateStore {
  get(sourceIds: string[]): Promise<Map<string, SourceStateRecord>>;
  /** Saves; with `leaseOwner`, only while that owner holds the lease (false = lease lost). */
  save(state: SourceStateRecord, leaseOwner?: string): Promise<boolean>;
  /**
   * Grants up to `max` of the candidates that are due (next_fetch_ms ≤ now) and not leased by another owner;
   * with `ranking`, the most urgent first (priority + one level per `agingMs` overdue), else the longest overdue.
   */
  lease(owner: string, candidates: string[], max: number, durationMs: number, ranking?: LeaseRanking): Promise<Lease>;
  release(owner: string, sourceIds: string[]): Promise<void>;
  recordError(error: SourceErrorRecord): Promise<void>;
  listErrors(sourceId: string, limit: number): Promise<SourceErrorRecord[]>;
  close(): void;
}

/** Priorities parallel to a lease's candidates, and the aging that lets long-overdue low ones catch up. */
export interface LeaseRanking {
  priorities: number[];
  agingMs: number;
}

/** The persistence service's Persistence API. */
export class GrpcSourceStateStore implements SourceStateStore {
  readonly #client: PersistenceClient;

  constructor(
    address: string,
    private readonly timeoutMs: number,
  ) {
    this.#client = connect('Persistence', address);
  }

  #call<M extends keyof PersistenceClient & UnaryMethodName<PersistenceClient>>(
    method: M,
    request: RequestOf<PersistenceClient, M>,
  ): Promise<ResponseOf<PersistenceClient, M>> {
    return call(this.#client, method, request, this.timeoutMs);
  }

  async get(sourceIds: string[]): Promise<Map<string, SourceStateRecord>> {
    const response = await this.#call('GetSourceState', {
      source_ids: sourceIds,
    });
    return new Map(response.states.map((s) => [s.source_id, { ...emptyState(s.source_id), ...s }]));
  }

  async save(state: SourceStateRecord, leaseOwner = ''): Promise<boolean> {
    const response = await this.#call('SaveSourceState', {
      state,
      lease_owner: leaseOwner,
    });
    return response.saved;
  }

  async lease(
    owner: string,
    candidates: string[],
    max: number,
    durationMs: number,
    ranking?: LeaseRanking,
  ): Promise<Lease> {
    const response = await this.#call('LeaseSources', {
      owner,
      source_ids: candidates,
      max_sources: max,
      lease_duration_ms: durationMs,
      priorities: ranking?.priorities ?? [],
      priority_aging_ms: ranking?.agingMs ?? 0,
    });
    return { sourceIds: response.source_ids, expiresAtMs: response.expires_at_ms };
  }

  async release(owner: string, sourceIds: string[]): Promise<void> {
    await this.#call('ReleaseSources', { owner, source_ids: sourceIds });
  }

  async recordError(error: SourceErrorRecord): Promise<void> {
    await this.#call('RecordSourceError', { error: error satisfies SourceError });
  }

  async listErrors(sourceId: string, limit: number): Promise<SourceErrorRecord[]> {
    const response = await this.#call('ListSourceErrors', {
      source_id: sourceId,
      limit,
    });
    return response.errors;
  }

  close(): void {
    this.#client.close();
  }
}

/** In-process store with the same lease semantics as the persistence service. */
export class MemorySourceStateStore implements SourceStateStore {
  readonly states = new Map<string, SourceStateRecord>();
  readonly errors: SourceErrorRecord[] = [];
  readonly #leases = new Map<string, { owner: string; expiresAtMs: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(sourceIds: string[]): Promise<Map<string, SourceStateRecord>> {
    const found = new Map<string, SourceStateRecord>();
    for (const id of sourceIds) {
      const state = this.states.get(id);
      if (state) found.set(id, { ...state });
    }
    return found;
  }

  async save(state: SourceStateRecord, leaseOwner?: string): Promise<boolean> {
    if (leaseOwner) {
      const lease = this.#leases.get(state.source_id);
      if (!lease || lease.owner !== leaseOwner || lease.expiresAtMs <= this.now()) return false;
    }
    this.states.set(state.source_id, { ...state });
    return true;
  }

  async lease(
    owner: string,
    candidates: string[],
    max: number,
    durationMs: number,
    ranking?: LeaseRanking,
  ): Promise<Lease> {
    const now = this.now();
    const granted: string[] = [];
    const overdue = (id: string) => now - (this.states.get(id)?.next_fetch_ms ?? 0);
    const urgency = (i: number) =>
      (ranking?.priorities[i] ?? 0) +
      (ranking && ranking.agingMs > 0 ? Math.floor(overdue(candidates[i]!) / ranking.agingMs) : 0);
    const order = candidates
      .map((_, i) => i)
      .sort((a, b) => urgency(b) - urgency(a) || overdue(candidates[b]!) - overdue(candidates[a]!));
    for (const id of order.map((i) => candidates[i]!)) {
      if (granted.length >= max) break;
      const lease = this.#leases.get(id);
      if (lease && lease.expiresAtMs > now && lease.owner !== owner) continue;
      if ((this.states.get(id)?.next_fetch_ms ?? 0) > now) continue;
      this.#leases.set(id, { owner, expiresAtMs: now + durationMs });
      granted.push(id);
    }
    return { sourceIds: granted, expiresAtMs: now + durationMs };
  }

  async release(owner: string, sourceIds: string[]): Promise<void> {
    for (const id of sourceIds) if (this.#leases.get(id)?.owner === owner) this.#leases.delete(id);
  }

  async recordError(error: SourceErrorRecord): Promise<void> {
    this.errors.push({ ...error });
  }

  async listErrors(sourceId: string, limit: number): Promise<SourceErrorRecord[]> {
    return this.errors
      .filter((e) => e.source_id === sourceId)
      .slice(-limit)
      .reverse();
  }

  close(): void {}
}
