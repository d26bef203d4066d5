// Sources managed through the gateway (/v1/sources) are stored by persistence as source definitions
// (admin.proto). The collector merges them with the sources declared in its config, re-reading them every
// few seconds (and at once when asked for a source it does not know), so every replica sees the same set.
import { call, connect, type PersistenceAdminClient, type SourceDefinition__Output } from '@sluice/protocol';
import { apiSourceViolations, formatIssues, type Logger } from '@sluice/service-kit';
import type { Collector } from './collector.js';
import { sourceSchema, type SourceConfig } from './source-settings.js';

/** Definition kinds the API accepts that are one collector kind here (feeds are detected from the document). */
const KIND_ALIASES: Record<string, string> = { rss: 'feed', atom: 'feed', rdf: 'feed', json_feed: 'feed' };

export type DefinitionResult = { ok: true; source: SourceConfig } | { ok: false; error: string };

/** A stored definition as a validated source config (the same rules as the YAML). */
export function definitionToSource(definition: SourceDefinition__Output): DefinitionResult {
  let config: unknown;
  try {
    config = definition.config_json ? JSON.parse(definition.config_json) : {};
  } catch (error) {
    return { ok: false, error: `config_json is not valid JSON: ${(error as Error).message}` };
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config))
    return { ok: false, error: 'config_json must be a JSON object' };
  // The gateway refuses these already; checked again here because this is where the definition takes effect.
  const violations = apiSourceViolations(config as Record<string, unknown>);
  if (violations.length > 0)
    return { ok: false, error: violations.map((v) => `config${v.pointer}: ${v.message}`).join('; ') };
  const raw = {
    ...(config as Record<string, unknown>),
    id: definition.id,
    kind: KIND_ALIASES[definition.kind] ?? definition.kind,
    enabled: definition.enabled,
    priority: definition.priority,
    ...(definition.interval_seconds > 0 ? { interval_seconds: definition.interval_seconds } : {}),
  };
  const parsed = sourceSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: formatIssues(`source ${definition.id}`, parsed.error) };
  return { ok: true, source: parsed.data };
}

/** Config sources plus valid definitions; a definition replaces a config source with the same id. */
export function mergeSources(
  configured: readonly SourceConfig[],
  definitions: readonly SourceConfig[],
): Map<string, { source: SourceConfig; origin: 'config' | 'api' }> {
  const merged = new Map<string, { source: SourceConfig; origin: 'config' | 'api' }>();
  for (const source of configured) merged.set(source.id, { source, origin: 'config' });
  for (const source of definitions) merged.set(source.id, { source, origin: 'api' });
  return merged;
}

export class SourceDefinitionsSync {
  readonly #client: PersistenceAdminClient;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  readonly #reported = new Map<string, string>(); // id → last invalid definition error logged
  #unavailableLogged = false;

  constructor(
    address: string,
    private readonly collector: Collector,
    private readonly configured: readonly SourceConfig[],
    private readonly logger: Logger,
    private readonly options: { intervalMs: number; timeoutMs: number },
  ) {
    this.#client = connect('PersistenceAdmin', address);
  }

  /** Polls from now on (call refresh() first for the initial set). */
  start(): void {
    this.#timer = setInterval(() => void this.refresh(), this.options.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#client.close();
  }

  /** Re-reads the definitions now (concurrent callers share one request). Never throws. */
  refresh(): Promise<void> {
    this.#inFlight ??= this.#refresh().finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  async #refresh(): Promise<void> {
    let definitions: SourceDefinition__Output[];
    try {
      const response = await call(
        this.#client,
        'ListSourceDefinitions',
        { enabled_only: false },
        this.options.timeoutMs,
      );
      definitions = response.definitions;
      this.#unavailableLogged = false;
    } catch (error) {
      if (!this.#unavailableLogged)
        this.logger.warn(
          { err: error },
          'cannot read source definitions from persistence; using the last known sources',
        );
      this.#unavailableLogged = true;
      return;
    }
    const valid: SourceConfig[] = [];
    for (const definition of definitions) {
      const result = definitionToSource(definition);
      if (result.ok) {
        valid.push(result.source);
        this.#reported.delete(definition.id);
      } else if (this.#reported.get(definition.id) !== result.error) {
        this.#reported.set(definition.id, result.error);
        this.logger.warn(
          { source_id: definition.id },
          `source definition ${definition.id} is invalid and is skipped: ${result.error}`,
        );
      }
    }
    this.collector.replaceSources(mergeSources(this.configured, valid));
  }
}
