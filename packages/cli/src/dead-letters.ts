// `sluice dead-letters list|show|replay|discard`: the dead-letter API (docs/api.md) from the command line.
import { apiRequest, type ApiOptions } from './api-client.js';

export interface FilterOptions {
  source?: string[];
  stage?: string;
  reason?: string[];
  since?: string;
  until?: string;
}

interface DeadLetterView {
  id: number;
  item_id: string;
  source_id: string;
  stage: string;
  reason: string;
  detail: string;
  attempts: number;
  replays: number;
  last_seen_at: string | null;
}

type Print = (line: string) => void;

function query(filter: FilterOptions, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const source of filter.source ?? []) params.append('source', source);
  if (filter.stage) params.set('stage', filter.stage);
  for (const reason of filter.reason ?? []) params.append('reason', reason);
  if (filter.since) params.set('since', filter.since);
  if (filter.until) params.set('until', filter.until);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function ids(values: string[]): number[] {
  return values.map((value) => {
    const id = Number(value);
    if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`not a dead-letter id: ${value}`);
    return id;
  });
}

function row(letter: DeadLetterView): string {
  const detail = letter.detail.replace(/\s+/g, ' ').slice(0, 80);
  return [
    String(letter.id).padEnd(8),
    letter.stage.padEnd(12),
    letter.reason.padEnd(18),
    String(letter.attempts).padEnd(8),
    (letter.last_seen_at ?? '').padEnd(25),
    letter.source_id.padEnd(16),
    detail,
  ].join(' ');
}

export async function listDeadLetters(
  api: ApiOptions,
  filter: FilterOptions & { limit?: string; all?: boolean; json?: boolean },
  print: Print = console.log,
): Promise<void> {
  let url: string | null = `/v1/dead-letters${query(filter, { limit: filter.limit })}`;
  const letters: DeadLetterView[] = [];
  while (url) {
    const page: { dead_letters: DeadLetterView[]; next: string | null } = await apiRequest(api, 'GET', url);
    letters.push(...page.dead_letters);
    url = filter.all ? page.next : null;
    if (!filter.all && page.next) print(`(more: --all for every page)`);
  }
  if (filter.json) return print(JSON.stringify(letters));
  if (letters.length === 0) return print('no dead letters');
  print(
    [
      'id'.padEnd(8),
      'stage'.padEnd(12),
      'reason'.padEnd(18),
      'attempts'.padEnd(8),
      'last seen'.padEnd(25),
      'source'.padEnd(16),
      'detail',
    ].join(' '),
  );
  for (const letter of letters) print(row(letter));
}

export async function showDeadLetter(
  api: ApiOptions,
  id: string,
  options: { json?: boolean },
  print: Print = console.log,
): Promise<void> {
  const letter: DeadLetterView & { payload: unknown } = await apiRequest(
    api,
    'GET',
    `/v1/dead-letters/${ids([id])[0]}`,
  );
  if (options.json) return print(JSON.stringify(letter));
  for (const [key, value] of Object.entries(letter)) if (key !== 'payload') print(`${key.padEnd(17)} ${String(value)}`);
  print(`payload\n${JSON.stringify(letter.payload, null, 2)}`);
}

export async function replayDeadLetters(
  api: ApiOptions,
  given: string[],
  filter: FilterOptions & { limit?: string; json?: boolean },
  print: Print = console.log,
): Promise<void> {
  const { source, stage, reason, since, until } = filter;
  const selection = Object.fromEntries(
    Object.entries({
      source,
      stage,
      reason,
      since,
      until,
      limit: filter.limit ? Number(filter.limit) : undefined,
    }).filter(([, v]) => v !== undefined),
  );
  const body = given.length > 0 ? { ids: ids(given) } : selection;
  const result: {
    replayed: number;
    stored: number;
    failed: number;
    pending: number;
    not_replayable: number;
    results: Array<{ id: number; outcome: string; dead_letter: DeadLetterView | null }>;
  } = await apiRequest(api, 'POST', '/v1/dead-letters/replay', body);
  if (filter.json) return print(JSON.stringify(result));
  print(
    `replayed ${result.replayed}: ${result.stored} stored, ${result.failed} failed again, ${result.pending} pending, ${result.not_replayable} not replayable`,
  );
  for (const entry of result.results) {
    const letter = entry.dead_letter;
    print(
      `${String(entry.id).padEnd(8)} ${entry.outcome.padEnd(15)} ${letter && entry.outcome !== 'stored' ? `${letter.reason} (attempts ${letter.attempts}): ${letter.detail.slice(0, 80)}` : ''}`,
    );
  }
}

export async function discardDeadLetters(
  api: ApiOptions,
  given: string[],
  filter: FilterOptions & { all?: boolean; json?: boolean },
  print: Print = console.log,
): Promise<void> {
  let discarded = 0;
  if (given.length > 0) {
    for (const id of ids(given)) {
      await apiRequest(api, 'DELETE', `/v1/dead-letters/${id}`);
      discarded += 1;
    }
  } else {
    const result: { discarded: number } = await apiRequest(
      api,
      'DELETE',
      `/v1/dead-letters${query(filter, { all: filter.all ? 'true' : undefined })}`,
    );
    discarded = result.discarded;
  }
  print(filter.json ? JSON.stringify({ discarded }) : `discarded ${discarded}`);
}
