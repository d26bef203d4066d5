// gRPC error details travel in the grpc-message trailer, an HTTP/2 header. Details that echo client input
// (an unknown scope, source id or model name) can be as long as that input; a trailer of ~100 kB is never
// delivered, so the caller waits for its deadline and the connection may be dropped (found by the persistence
// gRPC property test). Every service bounds its details with this.

/** Most characters of an error's details sent to a gRPC caller. */
export const MAX_STATUS_DETAILS = 1000;

/**
 * `message` cut to MAX_STATUS_DETAILS characters (with a note of how much was cut).
 *
 * @example
 * callback({ code: grpc.status.INVALID_ARGUMENT, details: statusDetails(`unknown scope ${scope}`) });
 */
export function statusDetails(message: string): string {
  if (message.length <= MAX_STATUS_DETAILS) return wellFormed(message);
  return wellFormed(
    `${message.slice(0, MAX_STATUS_DETAILS)}… (${message.length - MAX_STATUS_DETAILS} more characters)`,
  );
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with lone UTF-16 surrogates replaced by U+FFFD. grpc-js percent-encodes details with encodeURI, which
 * throws on a lone surrogate: the status is then never sent and the caller waits for its deadline (found by the
 * gRPC message property test: an invalid UTF-8 source id, decoded to a lone surrogate, echoed in NOT_FOUND).
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
