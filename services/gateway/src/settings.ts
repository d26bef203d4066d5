// The gateway's section of config/sluice.yaml. Every key has a default, so an absent section works.
import { SCOPES } from '@sluice/common';
import { downstreamFields } from '@sluice/protocol';
import { z } from '@sluice/service-kit';

/** A key configured by hash (sha256 of the raw bearer token, hex): raw keys never sit in config files. */
export const configuredKeySchema = z.strictObject({
  name: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the sha256 of the key as 64 lowercase hex characters'),
  scopes: z.array(z.enum(SCOPES)).min(1),
  /** 0: the gateway default. */
  rate_limit_per_minute: z.number().int().min(0).default(0),
});
export type ConfiguredKey = z.infer<typeof configuredKeySchema>;

export const gatewaySettingsSchema = z
  .strictObject({
    /** Interface the HTTP API listens on; 0.0.0.0 to expose it beyond this machine (put TLS in front). */
    host: z.string().default('127.0.0.1'),
    /** Largest request body accepted; larger bodies get 413 payload_too_large. */
    body_limit_bytes: z.number().int().min(1024).default(1_048_576),
    /** Most items one POST /v1/items may carry. */
    push_max_items: z.number().int().min(1).default(1000),
    /** How long POST /v1/items waits for the durable acknowledgement before answering 202 Accepted. */
    push_ack_wait_milliseconds: z.number().int().min(0).default(10_000),
    /** Items sent towards the transformer but not yet acknowledged. Twice this is the admission limit: items
     *  accepted and not yet acknowledged (sent or waiting to be sent) beyond it get 429 (503 when the push
     *  stream broke and nothing was acknowledged since), with Retry-After. */
    push_max_in_flight_items: downstreamFields.maxInFlightItems(5000),
    /** Lifetime of one push stream before it is re-opened (the deadline every gRPC call needs). */
    push_stream_deadline_seconds: downstreamFields.streamDeadlineSeconds(3600),
    /** Push streams to the transformer; more than 1 spreads pushed batches over its replicas (round_robin). */
    push_downstream_streams: downstreamFields.streams(),
    /** Deadline of one unary gRPC call to persistence, inference or the collector. */
    upstream_timeout_milliseconds: z.number().int().min(50).default(5000),
    /** Page size of GET /v1/items when `limit` is absent, and the most a client may ask for. */
    default_page_size: z.number().int().min(1).default(50),
    max_page_size: z.number().int().min(1).default(500),
    /** Requests per minute per API key when the key has no limit of its own (0: unlimited). */
    rate_limit_per_minute: z.number().int().min(0).default(6000),
    /** Requests allowed at once above the steady rate (token bucket size), as a multiple of one second's rate. */
    rate_limit_burst_seconds: z.number().min(1).default(10),
    /** shared: one bucket per key for all gateway replicas, kept by persistence (SharedState); replica: each
     *  replica limits alone (N replicas allow up to N× the rate). */
    rate_limit_scope: z.enum(['shared', 'replica']).default('shared'),
    /** shared scope: tokens a replica reserves per call and spends locally, in milliseconds of the key's rate
     *  (at least one token). Larger: fewer calls; tokens reserved and not spent within 1 s are lost to the others. */
    rate_limit_reserve_milliseconds: z.number().int().min(0).default(100),
    /** Deadline of one call to the shared buckets; when it fails, each replica limits alone for
     *  shared_state_retry_seconds before the shared buckets are tried again. */
    shared_state_timeout_milliseconds: z.number().int().min(50).default(500),
    shared_state_retry_seconds: z.number().min(0).default(10),
    /** Keys accepted besides the bootstrap key from $SLUICE_API_KEY and keys stored by persistence. */
    api_keys: z.array(configuredKeySchema).default([]),
    /** How long a verified (or unknown) key stays cached before persistence is asked again. */
    key_cache_seconds: z.number().int().min(0).default(30),
    /** Folders POST /v1/jobs {"kind":"import"} may read files from: paths relative to them (tried in order), no "..", not absolute, no symbolic links out. Empty: imports of server files are off. */
    import_directories: z.array(z.string().min(1)).default([]),
    /** Items per batch an import job sends into the pipeline, and batches awaiting acknowledgement at once. */
    import_batch_size: z.number().int().min(1).max(10_000).default(500),
    import_max_in_flight_batches: z.number().int().min(1).default(4),
    /** Largest JSONL upload POST /v1/jobs/import accepts (spooled to a temporary file, then imported as a job). */
    upload_max_bytes: z.number().int().min(1024).default(268_435_456),
    /** Folder for spooled uploads; empty: the system's temporary folder. */
    upload_directory: z.string().default(''),
    /** Deadline of a collect job's RunSources stream. */
    job_timeout_seconds: z.number().int().min(1).default(3600),
    /** Least time between two progress writes of a running job to persistence (events stream at every change). */
    job_progress_interval_milliseconds: z.number().int().min(50).default(500),
    /** How often GET /v1/jobs/{id}/events polls persistence for a job this replica is not running. */
    job_poll_interval_milliseconds: z.number().int().min(100).default(1000),
    /** A running job's progress is written at least this often, so other replicas can tell it is alive. */
    job_heartbeat_seconds: z.number().min(0.1).default(10),
    /** A queued or running job not updated for this long belongs to a gateway that stopped: it is ended (failed, "abandoned"). */
    job_stale_after_seconds: z.number().min(1).default(60),
    /** Serve the OpenAPI document at /openapi.json and the interactive page at /docs. */
    docs_enabled: z.boolean().default(true),
    /** Serve the web console (packages/console) at /console. */
    console_enabled: z.boolean().default(true),
    /** Folder of the built console; empty: packages/console/dist of this checkout (built by `sluice prepare`). */
    console_directory: z.string().default(''),
    /** How often GET /v1/pipeline/events reads every service's metrics for a new snapshot. */
    pipeline_poll_interval_milliseconds: z.number().int().min(200).default(2000),
  })
  .superRefine((settings, ctx) => {
    if (settings.job_stale_after_seconds < 3 * settings.job_heartbeat_seconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['job_stale_after_seconds'],
        message: `must be at least 3 × job_heartbeat_seconds (${3 * settings.job_heartbeat_seconds}), or live jobs would be ended`,
      });
    }
  });
export type GatewaySettings = z.infer<typeof gatewaySettingsSchema>;
export { SCOPES, type Scope } from '@sluice/common';
