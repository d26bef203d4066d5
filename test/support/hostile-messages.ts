// gRPC request messages with absurd values, as raw wire bytes (test/support/protobuf-wire.ts): invalid UTF-8,
// control characters and hostile strings in every string field, varints past their types, non-finite floats,
// empty and enormous repeated fields. Field numbers follow protos/sluice/v1/*.proto.
import fc from 'fast-check';
import { hostileNumber, hostileString } from './hostile-values.js';
import { fixed64Field, lengthDelimited as field, message, packedFloats, varintField } from './protobuf-wire.js';

/** Byte sequences no UTF-8 decoder accepts: a lone continuation, overlong NUL, a UTF-16 surrogate, past U+10FFFF, truncated. */
const INVALID_UTF8 = [
  [0xff],
  [0x80],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0xfe, 0xff],
];

/** Any bytes a string field may carry: hostile text (any UTF-16, NUL, control characters), invalid UTF-8, noise. */
export const hostileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  hostileString.map((s) => Buffer.from(s, 'utf8')),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...INVALID_UTF8), fc.string({ maxLength: 20 }))
    .map(([a, bad, b]) => Buffer.concat([Buffer.from(a), Buffer.from(bad), Buffer.from(b)])),
  fc.uint8Array({ maxLength: 200 }),
  fc
    .string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 50 })
    .map((s) => Buffer.from(s)),
);

/** Varints for int32/int64/bool fields, at and past their limits (10-byte values for an int32 too). */
export const hostileVarint: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
  fc.constantFrom(
    0n,
    1n,
    7n,
    -1n,
    2n ** 31n - 1n,
    -(2n ** 31n),
    2n ** 31n,
    2n ** 32n,
    2n ** 63n - 1n,
    -(2n ** 63n),
    2n ** 64n - 1n,
  ),
);

/**
 * Varints for int32 fields: mostly encodings every decoder reads (int32 range: ≤ 5 bytes, negatives 10), sometimes
 * 6–9-byte ones the wire format allows but protobufjs cannot decode (the server must answer INVALID_ARGUMENT).
 */
export const int32Varint: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 8, arbitrary: fc.bigInt({ min: -(2n ** 31n), max: 2n ** 31n - 1n }) },
  { weight: 1, arbitrary: hostileVarint },
);

/** float32 values including NaN, ±Infinity and values float32 cannot hold. */
const hostileFloat = fc.oneof(hostileNumber, fc.constantFrom(NaN, Infinity, -Infinity, 3.4028235e38, 1e39, -0));

const strings = (n: number, maxLength: number, arb = hostileBytes) =>
  fc.array(
    arb.map((b) => field(n, b)),
    { maxLength },
  );

/** A repeated field with many copies of one small element (enormous repeated fields stay cheap to generate). */
const many = (element: fc.Arbitrary<Uint8Array>, min: number, max: number) =>
  fc
    .tuple(
      element.filter((e) => e.length <= 256),
      fc.integer({ min, max }),
    )
    .map(([e, n]) => Array.from({ length: n }, () => e));

/** A message that prints as its name, size and first bytes in a counterexample (not megabytes of numbers). */
function labelled(name: string): (bytes: Uint8Array) => Uint8Array {
  return (bytes) =>
    Object.assign(bytes, {
      [fc.toStringMethod]: () =>
        `${name}(${bytes.length} bytes: ${Buffer.from(bytes.subarray(0, 48)).toString('hex')}…)`,
    });
}

const repeated = (element: fc.Arbitrary<Uint8Array>, maxLength = 6) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(element, { maxLength }) },
    { weight: 1, arbitrary: many(element, 1_000, 20_000) },
  );

export const textInput = fc
  .tuple(hostileBytes, hostileBytes, hostileBytes, int32Varint)
  .map(([id, text, hash, priority]) => message(field(1, id), field(2, text), field(3, hash), varintField(4, priority)));

/** An empty model name most of the time (the default model), else hostile. */
const modelName = fc.oneof(
  { weight: 3, arbitrary: fc.constant(new Uint8Array()) },
  { weight: 1, arbitrary: hostileBytes },
);

export const embedRequest = fc
  .tuple(modelName, repeated(textInput.map((t) => field(2, t))))
  .map(([model, inputs]) => message(model.length > 0 ? field(1, model) : new Uint8Array(), ...inputs))
  .map(labelled('EmbedRequest'));

export const classifyRequest = fc
  .tuple(
    fc.oneof(
      fc.constant([]),
      strings(1, 4),
      many(
        hostileBytes.map((b) => field(1, b)),
        1_000,
        5_000,
      ),
    ),
    repeated(textInput.map((t) => field(2, t))),
  )
  .map(([models, inputs]) => message(...models, ...inputs))
  .map(labelled('ClassifyRequest'));

const vector = fc.array(hostileFloat, { maxLength: 120 }).map((values) => packedFloats(1, values));

export const similarityRequest = fc
  .tuple(
    repeated(
      vector.map((v) => field(1, v)),
      8,
    ),
    repeated(
      vector.map((v) => field(2, v)),
      8,
    ),
  )
  .map(([queries, profiles]) => message(...queries.slice(0, 2_000), ...profiles.slice(0, 2_000)))
  .map(labelled('SimilarityRequest'));

export const inferRequest = fc
  .tuple(
    hostileBytes,
    fc.oneof(
      embedRequest.map((b) => field(2, b)),
      classifyRequest.map((b) => field(3, b)),
      similarityRequest.map((b) => field(4, b)),
    ),
  )
  .map(([id, kind]) => message(field(1, id), kind))
  .map(labelled('InferRequest'));

export const runSourcesRequest = fc
  .tuple(
    fc.oneof(
      strings(1, 6),
      many(
        hostileBytes.map((b) => field(1, b)),
        1_000,
        50_000,
      ),
    ),
    hostileVarint,
  )
  .map(([ids, wait]) => message(...ids, varintField(2, wait)))
  .map(labelled('RunSourcesRequest'));

const rawItem = fc
  .tuple(
    fc.array(hostileBytes, { minLength: 10, maxLength: 10 }),
    hostileVarint,
    hostileVarint,
    strings(13, 3),
    int32Varint,
    hostileFloat,
  )
  .map(([text, published, collected, tags, priority, weight]) => {
    const weightBytes = Buffer.alloc(8);
    weightBytes.writeDoubleLE(weight);
    return message(
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n, i) => field(n, text[i]!)),
      varintField(11, published),
      varintField(12, collected),
      ...tags,
      varintField(16, priority),
      fixed64Field(17, weightBytes),
      field(18, text[0]!),
    );
  });

const deadLetter = fc
  .array(hostileBytes, { minLength: 6, maxLength: 6 })
  .map((f) => message(...f.map((b, i) => field(i + 1, b))));

export const itemBatch = fc
  .tuple(
    hostileBytes,
    fc.array(
      rawItem.map((r) => field(2, message(field(1, r)))),
      { maxLength: 5 },
    ),
    fc.array(
      deadLetter.map((d) => field(3, d)),
      { maxLength: 2 },
    ),
    hostileVarint,
  )
  .map(([id, items, deadLetters, deadline]) =>
    message(field(1, id), ...items, ...deadLetters, varintField(4, deadline)),
  )
  .map(labelled('ItemBatch'));
