// Generated from the OpenAPI document the gateway serves (/openapi.json) by openapi-typescript.
// Do not edit: run `pnpm --filter @sluice/console gen:client` after changing a route schema.
export interface paths {
  '/v1/classify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Classify texts
     * @description Runs the named classification models (default: all of them: sentiment, topics, spam, ...).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Texts; ids default to their index */
            inputs: {
              id?: string;
              text: string;
            }[];
            models?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              results: {
                classifications: {
                  labels: {
                    name: string;
                    score: number;
                  }[];
                  model: string;
                  task: string;
                }[];
                error?: string;
                id: string;
                timing: {
                  inference_ms: number;
                  queue_ms: number;
                  tokenization_ms: number;
                };
              }[];
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/dead-letters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List dead letters
     * @description Items a stage could not process, newest first. Filters combine with AND. Pages are keyset-paginated: pass next_cursor back as cursor (with the same filters) until it is null.
     */
    get: {
      parameters: {
        query?: {
          /** @description next_cursor of the previous page */
          cursor?: string;
          limit?: number;
          /** @description Reason code; repeat for several */
          reason?: string[];
          /** @description Last failed at or after: ISO 8601 time or Unix milliseconds */
          since?: string;
          /** @description Source id; repeat for several */
          source?: string[];
          stage?: 'collector' | 'transformer' | 'inference' | 'scorer' | 'persistence';
          /** @description Last failed before: ISO 8601 time or Unix milliseconds */
          until?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              dead_letters: {
                /** @description Times the item failed (a replay that fails again adds one) */
                attempts: number;
                detail: string;
                first_seen_at: string | null;
                id: number;
                item_id: string;
                last_replayed_at: string | null;
                last_seen_at: string | null;
                /** @description Stable reason code, e.g. invalid_item, model_error, write_failed */
                reason: string;
                replays: number;
                source_id: string;
                /** @description collector, transformer, inference, scorer or persistence */
                stage: string;
              }[];
              next: string | null;
              next_cursor: string | null;
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /**
     * Discard the dead letters matching a filter
     * @description At least one filter, or all=true to empty the table.
     */
    delete: {
      parameters: {
        query?: {
          all?: boolean;
          /** @description Reason code; repeat for several */
          reason?: string[];
          /** @description Last failed at or after: ISO 8601 time or Unix milliseconds */
          since?: string;
          /** @description Source id; repeat for several */
          source?: string[];
          stage?: 'collector' | 'transformer' | 'inference' | 'scorer' | 'persistence';
          /** @description Last failed before: ISO 8601 time or Unix milliseconds */
          until?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              discarded: number;
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/dead-letters/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a dead letter with its payload */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description Dead-letter id */
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description Times the item failed (a replay that fails again adds one) */
              attempts: number;
              detail: string;
              first_seen_at: string | null;
              id: number;
              item_id: string;
              last_replayed_at: string | null;
              last_seen_at: string | null;
              /** @description The item as the stage saw it (JSON) */
              payload: unknown;
              /** @description Stable reason code, e.g. invalid_item, model_error, write_failed */
              reason: string;
              replays: number;
              source_id: string;
              /** @description collector, transformer, inference, scorer or persistence */
              stage: string;
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Discard a dead letter */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description Dead-letter id */
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/dead-letters/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replay dead letters through the pipeline
     * @description By ids, or the oldest dead letters matching the filter (up to limit, default 100). Each item goes through every stage again; the answer comes once the pipeline acknowledged them (or after gateway.push_ack_wait_milliseconds: those are "pending"). stored: the item is stored and its dead letter is gone; failed: it failed again and its dead letter holds the new reason with attempts + 1; not_replayable: the payload holds no item (a record the collector could not read).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            ids?: number[];
            limit?: number;
            /** @description Reason code; repeat for several */
            reason?: string[];
            since?: string;
            /** @description Source id; repeat for several */
            source?: string[];
            stage?: 'collector' | 'transformer' | 'inference' | 'scorer' | 'persistence';
            until?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              failed: number;
              not_replayable: number;
              pending: number;
              replayed: number;
              results: {
                dead_letter: {
                  /** @description Times the item failed (a replay that fails again adds one) */
                  attempts: number;
                  detail: string;
                  first_seen_at: string | null;
                  id: number;
                  item_id: string;
                  last_replayed_at: string | null;
                  last_seen_at: string | null;
                  /** @description Stable reason code, e.g. invalid_item, model_error, write_failed */
                  reason: string;
                  replays: number;
                  source_id: string;
                  /** @description collector, transformer, inference, scorer or persistence */
                  stage: string;
                } | null;
                id: number;
                item_id: string;
                outcome: 'stored' | 'failed' | 'pending' | 'not_replayable';
              }[];
              stored: number;
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        501: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/embed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Embed texts */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Texts; ids default to their index */
            inputs: {
              id?: string;
              text: string;
            }[];
            /** @description Default: the default embedding model */
            model?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              model: string;
              results: {
                error?: string;
                id: string;
                timing: {
                  inference_ms: number;
                  queue_ms: number;
                  tokenization_ms: number;
                };
                values: number[];
              }[];
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List items
     * @description Filters combine with AND. Pages are keyset-paginated: pass next_cursor back as cursor (with the same filters) until it is null.
     */
    get: {
      parameters: {
        query?: {
          /** @description next_cursor of the previous page */
          cursor?: string;
          /** @description Items marked as near-duplicates of this item id */
          duplicate_of?: string;
          /** @description Comma-separated item fields to return */
          fields?: string;
          /** @description Items classified with this label (topic, sentiment, ...) */
          label?: string;
          /** @description ISO 639-1 code */
          language?: string;
          limit?: number;
          /** @description Score at most this (0..1) */
          max_score?: number;
          min_score?: number;
          sentiment?: 'positive' | 'negative' | 'neutral';
          /** @description Collected at or after: ISO 8601 time or Unix milliseconds */
          since?: string;
          /** @description Newest/highest first; default collected */
          sort?: 'collected' | 'published' | 'score';
          /** @description Source id; repeat for several */
          source?: string[];
          /** @description Case-insensitive match on title and text */
          text?: string;
          /** @description Alias of label */
          topic?: string;
          /** @description Collected before: ISO 8601 time or Unix milliseconds */
          until?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: components['schemas']['ItemFields'][];
              next: string | null;
              next_cursor: string | null;
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Push items into the pipeline
     * @description Items go through the whole pipeline (normalization, classification, embedding, scoring) and are stored. 200: stored (durable); 202: accepted, still in the pipeline (see status_url). Idempotent by content key: id = sha256(source_id + "\n" + external_id), with external_id defaulting to the URL, else a content hash.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            items: components['schemas']['PushItem'][];
            source_id?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              batch_id: string;
              dead_lettered?: number;
              inserted?: number;
              item_ids: string[];
              /** @description stored: durable (acknowledged); accepted: still in the pipeline */
              status: 'stored' | 'accepted';
              status_url?: string;
              unchanged?: number;
              updated?: number;
            };
          };
        };
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              batch_id: string;
              dead_lettered?: number;
              inserted?: number;
              item_ids: string[];
              /** @description stored: durable (acknowledged); accepted: still in the pipeline */
              status: 'stored' | 'accepted';
              status_url?: string;
              unchanged?: number;
              updated?: number;
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/items/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get one item */
    get: {
      parameters: {
        query?: {
          fields?: string;
        };
        header?: never;
        path: {
          /** @description Item id (32 hex chars) */
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ItemFields'];
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/items/batches/{batch_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Status of a pushed batch
     * @description Outcome of a recent POST /v1/items batch (the gateway remembers the last 10,000 batches).
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          batch_id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              batch_id: string;
              dead_lettered?: number;
              error?: string;
              inserted?: number;
              item_ids: string[];
              status: 'pending' | 'stored' | 'failed';
              status_url?: string;
              unchanged?: number;
              updated?: number;
            };
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List jobs */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          kind?: 'collect' | 'import';
          limit?: number;
          status?: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              jobs: components['schemas']['Job'][];
              next_cursor: string | null;
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Start a job
     * @description collect: collect these sources now (the collector runs them and reports progress). import: read a JSONL file from the server's import folder into the pipeline. Answers 202 with the job; follow it at GET /v1/jobs/{id} or /v1/jobs/{id}/events.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json':
            | {
                /** @enum {string} */
                kind: 'collect';
                /** @description Default: every enabled source */
                source_ids?: string[];
              }
            | {
                /** @enum {string} */
                kind: 'import';
                /** @description JSONL file inside gateway.import_directories; one item per line, shaped like a POST /v1/items item */
                path: string;
                /** @description Default: "import" */
                source_id?: string;
              };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Job'];
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        501: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a job (progress, counts, errors) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Job'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a job
     * @description A queued job is cancelled at once; a running one stops soon after (status becomes cancelled). Finished jobs are returned unchanged.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Job'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Live progress (server-sent events)
     * @description text/event-stream: a "progress" event with the job at every change, then "done" with the final job when it is finished.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description text/event-stream */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/event-stream': string;
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Upload a JSONL file and import it as a job
     * @description Body: Content-Type application/x-ndjson, one item per line shaped like a POST /v1/items item (blank lines are skipped, invalid lines are counted and reported). The upload is stored, then imported in the background: 202 with the job.
     */
    post: {
      parameters: {
        query?: {
          /** @description Default: "import" */
          source_id?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Job'];
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        501: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List API keys */
    get: {
      parameters: {
        query?: {
          include_revoked?: boolean;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              keys: {
                created_at: string | null;
                id: string;
                name: string;
                /** @description First characters of the key, to tell keys apart */
                prefix: string;
                /** @description 0: the gateway default */
                rate_limit_per_minute: number;
                revoked: boolean;
                revoked_at: string | null;
                scopes: string[];
              }[];
            };
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Create an API key
     * @description The response holds the raw key; it is stored only as a hash and cannot be shown again.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            rate_limit_per_minute?: number;
            /** @description admin does not imply read or write */
            scopes: ('read' | 'write' | 'admin')[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              key: {
                created_at: string | null;
                id: string;
                name: string;
                /** @description First characters of the key, to tell keys apart */
                prefix: string;
                /** @description 0: the gateway default */
                rate_limit_per_minute: number;
                revoked: boolean;
                revoked_at: string | null;
                scopes: string[];
              };
              raw_key: string;
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke an API key
     * @description Effective at once on this gateway replica, within gateway.key_cache_seconds on others.
     */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              created_at: string | null;
              id: string;
              name: string;
              /** @description First characters of the key, to tell keys apart */
              prefix: string;
              /** @description 0: the gateway default */
              rate_limit_per_minute: number;
              revoked: boolean;
              revoked_at: string | null;
              scopes: string[];
            };
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/pipeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every stage at a glance
     * @description Read from each service's metrics: throughput (rates since the previous reading), in-flight windows, dead letters, inference batch sizes and padding, GPUs, restarts.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PipelineSnapshot'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/pipeline/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Live pipeline snapshots (server-sent events)
     * @description With Accept: text/event-stream: a "snapshot" event every gateway.pipeline_poll_interval_milliseconds (default 2 s), an "error" event when a reading failed (the stream goes on). Without it (a client that does not accept event streams): one snapshot as JSON, like GET /v1/pipeline.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description text/event-stream (or one snapshot as JSON) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PipelineSnapshot'];
            'text/event-stream': string;
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Semantic search
     * @description Embeds q with the default embedding model and returns the nearest stored items by cosine similarity, highest first: a long item is matched by its own (pooled) embedding and by each of its passages, and comes with its best passage. Accepts the filters of GET /v1/items.
     */
    get: {
      parameters: {
        query: {
          /** @description Items marked as near-duplicates of this item id */
          duplicate_of?: string;
          /** @description Comma-separated item fields to return */
          fields?: string;
          /** @description Items classified with this label (topic, sentiment, ...) */
          label?: string;
          /** @description ISO 639-1 code */
          language?: string;
          limit?: number;
          /** @description Score at most this (0..1) */
          max_score?: number;
          min_score?: number;
          q: string;
          sentiment?: 'positive' | 'negative' | 'neutral';
          /** @description Collected at or after: ISO 8601 time or Unix milliseconds */
          since?: string;
          /** @description Source id; repeat for several */
          source?: string[];
          /** @description Alias of label */
          topic?: string;
          /** @description Collected before: ISO 8601 time or Unix milliseconds */
          until?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              hits: {
                item: components['schemas']['ItemFields'];
                /** @description The chunk of a long item that best matches q; null for an item short enough to be one passage (its text) */
                passage: {
                  /** @description The chunk's position in the item's text, from 0 */
                  index: number;
                  similarity: number;
                  text: string;
                } | null;
                /** @description The better of the item's own embedding's and its best passage's cosine similarity */
                similarity: number;
              }[];
              method: string;
              model: string;
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/source-health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Collection state of every source
     * @description Last success, consecutive errors, breaker state (closed, open, half_open), next fetch, last error and items collected, for every source that has run.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              sources: {
                breaker_state: string;
                consecutive_errors: number;
                id: string;
                items_total: number;
                last_error: string;
                last_success_at: string | null;
                next_fetch_at: string | null;
              }[];
            };
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sources': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List sources */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              collector_reachable: boolean;
              sources: {
                config: unknown;
                enabled: boolean;
                id: string;
                interval_seconds: number;
                kind: string;
                /** @description config: config/sluice.yaml (read-only here); api: managed through this API */
                origin: 'config' | 'api';
                priority: number;
                updated_at?: string | null;
              }[];
            };
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sources/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A source with its collection state and recent errors */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              definition: {
                config: unknown;
                enabled: boolean;
                id: string;
                interval_seconds: number;
                kind: string;
                /** @description config: config/sluice.yaml (read-only here); api: managed through this API */
                origin: 'config' | 'api';
                priority: number;
                updated_at?: string | null;
              } | null;
              id: string;
              recent_errors: {
                code: string;
                http_status: number;
                message: string;
                occurred_at: string | null;
                url: string;
              }[];
              state: {
                breaker_state: string;
                consecutive_errors: number;
                items_total: number;
                last_error: string;
                last_success_at: string | null;
                next_fetch_at: string | null;
              } | null;
            };
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    /**
     * Create or replace a source definition
     * @description Idempotent. 201 when the id was new, 200 when it replaced a definition. The collector picks changes up on its next poll.
     */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description Lowercase letters, digits, _ . - (max 64) */
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Kind-specific settings (url, path, headers, ...), validated by the collector. path: relative to collector.import_directories; allow_private_network is refused (operators allow networks in config); secrets only from SLUICE_SOURCE_* variables */
            config: {
              [key: string]: unknown;
            };
            /** @default true */
            enabled?: boolean;
            /** @default 900 */
            interval_seconds?: number;
            /** @description rss, atom, json_feed, jsonl, csv, hacker_news, reddit, github, http_json, ... */
            kind: string;
            /** @default 5 */
            priority?: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              config: unknown;
              enabled: boolean;
              id: string;
              interval_seconds: number;
              kind: string;
              /** @description config: config/sluice.yaml (read-only here); api: managed through this API */
              origin: 'config' | 'api';
              priority: number;
              updated_at?: string | null;
            };
          };
        };
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              config: unknown;
              enabled: boolean;
              id: string;
              interval_seconds: number;
              kind: string;
              /** @description config: config/sluice.yaml (read-only here); api: managed through this API */
              origin: 'config' | 'api';
              priority: number;
              updated_at?: string | null;
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    /**
     * Delete a source definition
     * @description Stored items stay.
     */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description Lowercase letters, digits, _ . - (max 64) */
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sources/{id}/run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Collect this source now
     * @description Starts a collect job for the source (same as POST /v1/jobs).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Job'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        501: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{source_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Receive items from another system
     * @description Body: one JSON object, an array of objects, or {"items"|"entries"|"data"|"records": [...]}. Fields are mapped by common names: id/guid → external_id, url/link, title/name/subject, content/body/html/text, summary/description, author/user, published_at/date/created_at/timestamp (ISO, Unix seconds or ms), tags/categories.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          source_id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json':
            | {
                [key: string]: unknown;
              }[]
            | {
                [key: string]: unknown;
              };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              batch_id: string;
              dead_lettered?: number;
              inserted?: number;
              item_ids: string[];
              /** @description stored: durable (acknowledged); accepted: still in the pipeline */
              status: 'stored' | 'accepted';
              status_url?: string;
              unchanged?: number;
              updated?: number;
            };
          };
        };
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              batch_id: string;
              dead_lettered?: number;
              inserted?: number;
              item_ids: string[];
              /** @description stored: durable (acknowledged); accepted: still in the pipeline */
              status: 'stored' | 'accepted';
              status_url?: string;
              unchanged?: number;
              updated?: number;
            };
          };
        };
        /** @description Problem details */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/whoami': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The calling API key
     * @description Its name and scopes (never the key). Needs the read scope, like every page of the console.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              name: string;
              scopes: ('read' | 'write' | 'admin')[];
            };
          };
        };
        /** @description Problem details */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem details */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Item: {
      author: string;
      canonical_url: string;
      classifications: {
        labels: {
          name: string;
          score: number;
        }[];
        model: string;
        task: string;
      }[];
      collected_at: string | null;
      content_hash: string;
      duplicate_of: string | null;
      embedding: {
        model: string;
        values: number[];
      } | null;
      engagement: {
        comments: number;
        points: number;
      } | null;
      external_id: string;
      /** @description Content key: sha256(source_id + "\n" + external_id), 32 hex chars */
      id: string;
      /** @description ISO 639-1, "und" when undetermined */
      language: string;
      priority: number;
      published_at: string | null;
      reading_time_seconds: number;
      score: {
        components: {
          detail: string;
          name: string;
          value: number;
          weight: number;
        }[];
        formula_version: string;
        value: number;
      } | null;
      sentiment: string | null;
      source_id: string;
      source_kind: string;
      stored_at: string | null;
      summary: string;
      tags: string[];
      /** @description Plain text body (only when asked for with fields=text, or on GET /v1/items/{id}) */
      text: string;
      title: string;
      /** @description Top three topic labels */
      topics: string[];
      url: string;
      word_count: number;
    };
    ItemFields: {
      author?: string;
      canonical_url?: string;
      classifications?: {
        labels: {
          name: string;
          score: number;
        }[];
        model: string;
        task: string;
      }[];
      collected_at?: string | null;
      content_hash?: string;
      duplicate_of?: string | null;
      embedding?: {
        model: string;
        values: number[];
      } | null;
      engagement?: {
        comments: number;
        points: number;
      } | null;
      external_id?: string;
      /** @description Content key: sha256(source_id + "\n" + external_id), 32 hex chars */
      id?: string;
      /** @description ISO 639-1, "und" when undetermined */
      language?: string;
      priority?: number;
      published_at?: string | null;
      reading_time_seconds?: number;
      score?: {
        components: {
          detail: string;
          name: string;
          value: number;
          weight: number;
        }[];
        formula_version: string;
        value: number;
      } | null;
      sentiment?: string | null;
      source_id?: string;
      source_kind?: string;
      stored_at?: string | null;
      summary?: string;
      tags?: string[];
      /** @description Plain text body (only when asked for with fields=text, or on GET /v1/items/{id}) */
      text?: string;
      title?: string;
      /** @description Top three topic labels */
      topics?: string[];
      url?: string;
      word_count?: number;
    };
    Job: {
      cancel_requested: boolean;
      counts: {
        [key: string]: number;
      };
      created_at: string | null;
      errors: {
        code: string;
        message: string;
        occurred_at: string | null;
        subject: string;
      }[];
      finished_at: string | null;
      id: string;
      /** @description collect or import */
      kind: string;
      message: string;
      params: unknown;
      started_at: string | null;
      /** @description queued, running, succeeded, failed or cancelled */
      status: string;
      updated_at: string | null;
    };
    PipelineSnapshot: {
      collector: {
        breakers_open: number;
        rate_limit_wait_seconds_total: number;
        rate_limit_waits_total: number;
      };
      dead_letters: {
        reason: string;
        stage: string;
        total: number;
      }[];
      inference: {
        batch_size: {
          buckets: {
            /** @description Observations in this bucket (not cumulative) */
            count: number;
            le: number | null;
          }[];
          count: number;
          sum: number;
        };
        gpus: {
          gpu: string;
          memory_bytes: number;
          memory_total_bytes: number | null;
          utilization_ratio: number;
        }[];
        in_flight_items: number;
        in_flight_limit_items: number;
        padding_ratio: {
          buckets: {
            /** @description Observations in this bucket (not cumulative) */
            count: number;
            le: number | null;
          }[];
          count: number;
          sum: number;
        };
        queue_depth: number;
      };
      services: {
        error: string | null;
        name: string;
        /** @description Process restarts the gateway saw (start time changed) */
        restarts: number;
        rss_bytes: number | null;
        /** @description Its metrics answered */
        up: boolean;
        uptime_seconds: number | null;
      }[];
      stages: {
        dead_lettered_per_second: number | null;
        dead_lettered_total: number;
        /** @description Items sent downstream, not yet acknowledged */
        downstream_unacked_items: number;
        /** @description Batches received, not yet acknowledged */
        in_flight_batches: number;
        items_in_per_second: number | null;
        items_in_total: number;
        items_out_per_second: number | null;
        items_out_total: number;
        stage: string;
      }[];
      /** Format: date-time */
      taken_at: string;
    };
    /** @description RFC 9457 problem details */
    Problem: {
      /** @description Stable error code (see docs/api.md) */
      code:
        | 'invalid_request'
        | 'invalid_json'
        | 'missing_api_key'
        | 'invalid_api_key'
        | 'insufficient_scope'
        | 'not_found'
        | 'item_not_found'
        | 'job_not_found'
        | 'source_not_found'
        | 'api_key_not_found'
        | 'dead_letter_not_found'
        | 'resource_not_found'
        | 'conflict'
        | 'payload_too_large'
        | 'unsupported_media_type'
        | 'invalid_parameter'
        | 'rate_limited'
        | 'overloaded'
        | 'internal_error'
        | 'not_implemented'
        | 'upstream_error'
        | 'upstream_unavailable'
        | 'not_ready'
        | 'upstream_timeout';
      detail?: string;
      errors?: {
        message: string;
        pointer: string;
      }[];
      instance?: string;
      request_id?: string;
      status: number;
      title: string;
      /** @description urn:sluice:problem:<code> */
      type: string;
    };
    PushItem: {
      attributes?: {
        [key: string]: string;
      };
      author?: string;
      /** @description Body: HTML or plain text (see content_type) */
      content?: string;
      content_type?: 'text/html' | 'text/plain';
      engagement?: {
        comments?: number;
        points?: number;
      };
      /** @description Id at the source; default: the URL, else a content hash */
      external_id?: string;
      language?: string;
      priority?: number;
      /** @description ISO 8601 time or Unix milliseconds */
      published_at?: string | number;
      /** @description Default: the batch source_id, else "push" */
      source_id?: string;
      summary?: string;
      tags?: string[];
      title?: string;
      url?: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
